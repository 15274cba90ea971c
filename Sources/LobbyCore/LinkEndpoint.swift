/// Where the hall controller is reached, as `[link] endpoint` names it: a serial device (a path;
/// a pseudo-terminal such as lobby-sim's is one too) or a network card's `tcp://HOST:PORT`
/// (Onbon's Ethernet cards listen on 5005). Parsing only: LobbyLink opens it.
public enum LinkEndpoint: Sendable, Equatable {
    case device(path: String)
    /// `host` as written: a name, an IPv4 address, or an IPv6 address without its brackets.
    case tcp(host: String, port: UInt16)

    public static let tcpScheme = "tcp://"

    /// `nil` for anything else: a relative path, another scheme, a port out of range.
    public init?(_ text: String) {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        if text.hasPrefix("/") {
            self = .device(path: text)
            return
        }
        guard text.hasPrefix(Self.tcpScheme) else { return nil }
        let rest = text.dropFirst(Self.tcpScheme.count)
        let host: Substring
        let port: Substring
        if rest.hasPrefix("[") {
            // [2001:db8::1]:5005
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            port = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":"), !rest[..<colon].contains(":") else { return nil }
            host = rest[..<colon]
            port = rest[rest.index(after: colon)...]
        }
        let hostAllowed = host.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-:_".unicodeScalars.contains($0))
        }
        // The port in plain decimal: no sign, no leading zero.
        guard !host.isEmpty, host.count <= 253, hostAllowed, port.count <= 5, !port.hasPrefix("0"),
            port.allSatisfy({ ("0"..."9").contains($0) }), let number = UInt16(port), number > 0
        else { return nil }
        self = .tcp(host: String(host), port: number)
    }

    public var isNetwork: Bool {
        if case .tcp = self { true } else { false }
    }
}
