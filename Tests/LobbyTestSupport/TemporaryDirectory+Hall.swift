extension TemporaryDirectory {
    /// Writes `lobbyd.toml` for a hall inside this directory: the shipped calendar, the demo
    /// publisher key as the only trusted key, spool and state here, the sign at `device` (a
    /// name inside this directory). Returns the configuration's path.
    @discardableResult
    public func writeHallConfiguration(device: String = "sign", extra: String = "") throws -> String {
        try write(
            "lobbyd.toml",
            """
            log_level = "info"
            [calendar]
            directories = ["\(RepositoryFiles.path("calendar"))"]
            [paths]
            spool = "\(path)/spool"
            database = "\(path)/state/lobbyd.sqlite"
            control_socket = "\(path)/control.sock"
            trusted_keys = "\(RepositoryFiles.path("playlists/demo-keys"))"
            [serial]
            device = "\(path)/\(device)"
            baud = 115200
            \(extra)
            """)
    }
}
