import CSerialPort
import Foundation
import LobbyCore

/// A real serial port through libserialport: speed, framing, no flow control, DTR/RTS.
public final class LibSerialPortTransport: Transport {
    public let path: String
    private var port: OpaquePointer?

    init(path: String, device: String, serial: Configuration.Serial) throws(LinkError) {
        self.path = path
        var found: OpaquePointer?
        guard sp_get_port_by_name(device, &found) == SP_OK, let found else {
            throw .cannotOpen(path: path, reason: Self.lastError())
        }
        guard sp_open(found, SP_MODE_READ_WRITE) == SP_OK else {
            let reason = Self.lastError()
            sp_free_port(found)
            throw .cannotOpen(path: path, reason: reason)
        }
        port = found
        let parity: sp_parity =
            switch serial.parity {
            case .none: SP_PARITY_NONE
            case .odd: SP_PARITY_ODD
            case .even: SP_PARITY_EVEN
            }
        let results = [
            sp_set_baudrate(found, Int32(serial.baud)), sp_set_bits(found, Int32(serial.dataBits)),
            sp_set_parity(found, parity), sp_set_stopbits(found, Int32(serial.stopBits)),
            sp_set_flowcontrol(found, SP_FLOWCONTROL_NONE),
        ]
        guard results.allSatisfy({ $0 == SP_OK }) else {
            let reason = Self.lastError()
            close()
            throw .cannotOpen(
                path: path,
                reason: Messages.Link.cannotConfigure("\(serial.baud) \(serial.frameDescription)", reason).description)
        }
    }

    deinit { close() }

    public var pollDescriptor: Int32? {
        guard let port else { return nil }
        var handle: Int32 = -1
        return sp_get_port_handle(port, &handle) == SP_OK && handle >= 0 ? handle : nil
    }

    public func write(_ bytes: [UInt8], timeout: Duration) throws(LinkError) {
        guard let port else { throw .writeFailed(path: path, reason: Messages.Link.portClosed.description) }
        let written = bytes.withUnsafeBytes {
            sp_blocking_write(port, $0.baseAddress, $0.count, Self.milliseconds(timeout))
        }
        guard written.rawValue >= 0 else { throw .writeFailed(path: path, reason: Self.lastError()) }
        guard Int(written.rawValue) == bytes.count else {
            throw .writeTimedOut(path: path, sent: Int(written.rawValue), total: bytes.count)
        }
    }

    public func read(timeout: Duration) throws(LinkError) -> [UInt8] {
        guard let port else { throw .readFailed(path: path, reason: Messages.Link.portClosed.description) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        // libserialport reads a timeout of 0 as "wait for ever": zero means "what is there now".
        let milliseconds = Self.milliseconds(timeout)
        let count = buffer.withUnsafeMutableBytes {
            milliseconds == 0
                ? sp_nonblocking_read(port, $0.baseAddress, $0.count)
                : sp_blocking_read_next(port, $0.baseAddress, $0.count, milliseconds)
        }
        guard count.rawValue >= 0 else { throw .readFailed(path: path, reason: Self.lastError()) }
        return Array(buffer[..<Int(count.rawValue)])
    }

    public func setControlLine(_ line: ControlLine, active: Bool) throws(LinkError) {
        guard let port else { return }
        let result =
            switch line {
            case .dtr: sp_set_dtr(port, active ? SP_DTR_ON : SP_DTR_OFF)
            case .rts: sp_set_rts(port, active ? SP_RTS_ON : SP_RTS_OFF)
            }
        guard result == SP_OK else {
            throw .writeFailed(
                path: path, reason: Messages.Link.cannotConfigure(line.rawValue, Self.lastError()).description)
        }
    }

    public func close() {
        guard let port else { return }
        sp_close(port)
        sp_free_port(port)
        self.port = nil
    }

    /// The operating system's last error as libserialport saw it.
    static func lastError() -> String {
        guard let message = sp_last_error_message() else { return Messages.Link.unknownError.description }
        defer { sp_free_error_message(message) }
        return String(cString: message)
    }

    static func milliseconds(_ duration: Duration) -> UInt32 {
        UInt32(clamping: duration.milliseconds)
    }
}

/// What libserialport knows about the machine's serial ports, for `lobbyctl ports`.
public struct SerialPortInfo: Sendable, Equatable {
    public var name: String
    public var description: String
    public var transport: String
    public var usbVendorProduct: String?
    public var manufacturer: String?
    public var product: String?
    public var serialNumber: String?

    public static func all() -> [SerialPortInfo] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        guard sp_list_ports(&list) == SP_OK, let list else { return [] }
        defer { sp_free_port_list(list) }
        var ports: [SerialPortInfo] = []
        var index = 0
        while let port = list[index] {
            ports.append(info(port))
            index += 1
        }
        return ports
    }

    private static func info(_ port: OpaquePointer) -> SerialPortInfo {
        let text = { (pointer: UnsafeMutablePointer<CChar>?) in pointer.map { String(cString: $0) } }
        let transport = sp_get_port_transport(port)
        var result = SerialPortInfo(
            name: text(sp_get_port_name(port)) ?? "?", description: text(sp_get_port_description(port)) ?? "",
            transport: transport == SP_TRANSPORT_USB
                ? "usb" : transport == SP_TRANSPORT_BLUETOOTH ? "bluetooth" : "native")
        if transport == SP_TRANSPORT_USB {
            var vendor: Int32 = 0
            var product: Int32 = 0
            if sp_get_port_usb_vid_pid(port, &vendor, &product) == SP_OK {
                result.usbVendorProduct = String(format: "%04x:%04x", vendor, product)
            }
            result.manufacturer = text(sp_get_port_usb_manufacturer(port))
            result.product = text(sp_get_port_usb_product(port))
            result.serialNumber = text(sp_get_port_usb_serial(port))
        }
        return result
    }

    public init(name: String, description: String, transport: String) {
        self.name = name
        self.description = description
        self.transport = transport
    }

    /// The library's own version, for `lobbyd --version`.
    public static func libraryVersion() -> String {
        String(cString: sp_get_package_version_string())
    }
}
