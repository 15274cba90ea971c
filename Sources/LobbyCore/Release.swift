/// The release this build belongs to, reported by `--version` and, later, the control socket.
public enum Release {
    public static let version = "0.1.0"
    /// Where the daemon reads its configuration unless told otherwise.
    public static let defaultConfigurationPath = "/etc/lobbyd/lobbyd.toml"
}
