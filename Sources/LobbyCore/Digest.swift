import Crypto

/// SHA-256 in lowercase hex: the event log's hash chain and content ids.
public enum Digest {
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// Lowercase hex of `digest`, by table: `verify-log` and the report hash every row.
    static func hex(_ digest: SHA256.Digest) -> String {
        var text = [UInt8]()
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
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

extension Digest {
    /// Whether SHA-256 of `bytes` is `hex` (64 lowercase hex digits), compared in place:
    /// `verify-log` checks a million rows without building a string for any of them.
    public static func sha256(of bytes: UnsafeRawBufferPointer, matches hex: UnsafeRawBufferPointer) -> Bool {
        guard hex.count == SHA256.byteCount * 2 else { return false }
        let digits = hexDigits
        return SHA256.hash(data: bytes).withUnsafeBytes { digest in
            for (index, byte) in digest.enumerated()
            where hex[2 * index] != digits[Int(byte >> 4)] || hex[2 * index + 1] != digits[Int(byte & 0x0F)] {
                return false
            }
            return true
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
