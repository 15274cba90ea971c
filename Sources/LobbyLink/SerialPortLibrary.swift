import CSerialPort

/// The libserialport library lobbyd is linked against, as shown by `lobbyd --version`.
public enum SerialPortLibrary {
    public static func version() -> String {
        String(cString: sp_get_package_version_string())
    }
}
