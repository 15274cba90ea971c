import Crypto
import Foundation

/// An Ed25519 key pair of one person of the approval chain (drafter, reviewer, director or
/// publisher). The public half goes into `/etc/lobbyd/trusted-keys/NAME.pub`, and the person into
/// the roster (`people.toml`) with their roles; the private half (`NAME.key`, mode 0600) stays
/// with them. A key may carry a last day of use (`valid_until`).
///
/// Holds the raw key bytes (swift-crypto's key types are not `Sendable`) and builds the key when
/// signing.
public struct PersonalKey: Sendable {
    public let holder: String
    /// The last day the key may sign; `nil` for no end.
    public let validUntil: LocalDate?
    private let rawPrivateKey: [UInt8]

    /// A new random key pair for `holder`.
    public init(holder: String, validUntil: LocalDate? = nil) {
        self.init(holder: holder, validUntil: validUntil, privateKey: Curve25519.Signing.PrivateKey())
    }

    init(holder: String, validUntil: LocalDate?, privateKey: Curve25519.Signing.PrivateKey) {
        self.holder = holder
        self.validUntil = validUntil
        rawPrivateKey = Array(privateKey.rawRepresentation)
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    public var publicKey: TrustedKey {
        TrustedKey(holder: holder, validUntil: validUntil, publicKey: privateKey.publicKey)
    }

    /// The Ed25519 signature of `message` (an approval sheet's `message(upTo:)`).
    public func signature(of message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }

    /// `NAME.key`: TOML, never to leave the publisher's machine.
    public var fileText: String {
        KeyFile.text(
            comment: "lobbyd PRIVATE key: keep it secret (mode 0600); sign with `lobbyctl approve --key`",
            fields: [
                ("algorithm", "ed25519"), ("key_id", publicKey.keyID), ("holder", holder),
                ("private_key", privateKey.rawRepresentation.base64EncodedString()),
            ], validUntil: validUntil)
    }

    public static func load(path: String) throws(LobbyCoreError) -> PersonalKey {
        let root = try TOMLSource.load(path: path)
        let fields = KeyFile.read(root, secret: "private_key")
        try root.diagnostics.throwIfAny()
        guard let fields, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: fields.key) else {
            throw .invalidValue(
                root.location(of: "private_key"), key: "private_key", value: "…",
                expected: Messages.Expect.privateKey.description)
        }
        return PersonalKey(holder: fields.holder, validUntil: fields.validUntil, privateKey: key)
    }
}

/// A person's public key, trusted when its file is in the trusted-keys directory.
public struct TrustedKey: Sendable {
    /// The name the key was made for (`lobbyctl keygen --name`); the roster says what they may do.
    public let holder: String
    /// The last day the key may sign; `nil` for no end.
    public let validUntil: LocalDate?
    /// The 32 raw bytes of the Ed25519 public key.
    public let rawPublicKey: [UInt8]

    init(holder: String, validUntil: LocalDate?, publicKey: Curve25519.Signing.PublicKey) {
        self.holder = holder
        self.validUntil = validUntil
        rawPublicKey = Array(publicKey.rawRepresentation)
    }

    /// Whether the key is past its last day on `today`.
    public func isExpired(on today: LocalDate) -> Bool {
        validUntil.map { today > $0 } ?? false
    }

    /// Whether `signature` was made over `bytes` by this key's private half.
    public func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawPublicKey) else { return false }
        return key.isValidSignature(signature, for: bytes)
    }

    /// Whether `text` is written as a key id is: 16 hex digits.
    public static func isKeyID(_ text: String) -> Bool {
        text.count == 16 && text.allSatisfy(\.isHexDigit)
    }

    /// First 8 bytes of the SHA-256 of the raw public key, in hex: short enough to read out on
    /// the phone, long enough never to collide among a hall's few keys.
    public var keyID: String {
        SHA256.hash(data: rawPublicKey).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// `NAME.pub`.
    public var fileText: String {
        KeyFile.text(
            comment: "lobbyd public key: copy into /etc/lobbyd/trusted-keys/ and name its holder in people.toml",
            fields: [
                ("algorithm", "ed25519"), ("key_id", keyID), ("holder", holder),
                ("public_key", Data(rawPublicKey).base64EncodedString()),
            ], validUntil: validUntil)
    }

    public static func load(path: String) throws(LobbyCoreError) -> TrustedKey {
        let root = try TOMLSource.load(path: path)
        let fields = KeyFile.read(root, secret: "public_key")
        try root.diagnostics.throwIfAny()
        guard let fields, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: fields.key) else {
            throw .invalidValue(
                root.location(of: "public_key"), key: "public_key", value: "…",
                expected: Messages.Expect.publicKey.description)
        }
        return TrustedKey(holder: fields.holder, validUntil: fields.validUntil, publicKey: key)
    }
}

/// The small TOML files keys and signatures are kept in.
enum KeyFile {
    static func text(comment: String, fields: [(String, String)], validUntil: LocalDate? = nil) -> String {
        "# \(comment)\n" + fields.map { "\($0.0) = \(quoted($0.1))\n" }.joined()
            + (validUntil.map { "valid_until = \($0)\n" } ?? "")
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += String(format: "\\u%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `holder` (`publisher` in the first release's files), `valid_until` and the decoded base64
    /// `secret` field; reports problems to the reader.
    static func read(_ root: TOMLTableReader, secret: String) -> (holder: String, validUntil: LocalDate?, key: Data)? {
        var algorithm = "ed25519"  // the only one; the field leaves room for another later
        root.read("algorithm", into: &algorithm, expected: Messages.Expect.ed25519) { $0 == "ed25519" }
        _ = root.string("key_id")
        let holder = root.contains("publisher") ? root.string("publisher") : root.require("holder", root.string)
        let validUntil = root.localDate("valid_until")
        let encoded = root.require(secret, root.string)
        root.finish()
        guard let holder, let encoded else { return nil }
        guard let key = Data(base64Encoded: encoded) else {
            root.invalid(secret, value: "…", expected: Messages.Expect.base64)
            return nil
        }
        return (holder, validUntil, key)
    }
}
