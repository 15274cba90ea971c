/// Exit statuses shared by `lobbyd` and `lobbyctl`, documented in the README.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// Something failed at run time (a device, a socket, a service not available).
    public static let failure: Int32 = 1
    /// The input (configuration, playlist, arguments' values) is invalid; the message says where.
    public static let invalidInput: Int32 = 2
    /// Options out of range, or that do not fit together (EX_USAGE, as for any misused option).
    public static let usage: Int32 = 64
    /// lobbyd refused the request (not permitted, or it does not apply now); the message says why.
    public static let refused: Int32 = 3
}
