import Crypto

/// SHA-256 in lowercase hex: the event log's hash chain and content ids.
public enum Digest {
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// Lowercase hex of `digest`, by table: `verify-log` and the report hash every row.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// SHA-256 in lowercase hex of `fields` joined by `separator`, without building the joined
    /// string.
    public static func sha256Hex(joining fields: [String], separator: UInt8) -> String {
        var hasher = SHA256()
        for (index, field) in fields.enumerated() {
            if index > 0 { withUnsafeBytes(of: separator) { hasher.update(bufferPointer: $0) } }
            var field = field
            field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hex(hasher.finalize())
    }
}
