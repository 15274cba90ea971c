import Crypto
import Foundation

/// An Ed25519 key pair of one member of the publishing staff. The public half goes into
/// `/etc/lobbyd/trusted-keys/NAME.pub`; the private half (`NAME.key`, mode 0600) stays with them.
///
/// Holds the raw key bytes (swift-crypto's key types are not `Sendable`) and builds the key when
/// signing.
public struct PublisherKey: Sendable {
    public let publisher: String
    private let rawPrivateKey: [UInt8]

    /// A new random key pair for `publisher`.
    public init(publisher: String) {
        self.init(publisher: publisher, privateKey: Curve25519.Signing.PrivateKey())
    }

    init(publisher: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.publisher = publisher
        rawPrivateKey = Array(privateKey.rawRepresentation)
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    public var publicKey: TrustedKey {
        TrustedKey(publisher: publisher, publicKey: privateKey.publicKey)
    }

    /// The detached signature of `bytes` (a playlist file exactly as published).
    public func sign(_ bytes: [UInt8]) throws -> DetachedSignature {
        DetachedSignature(keyID: publicKey.keyID, signature: Array(try privateKey.signature(for: bytes)))
    }

    /// `NAME.key`: TOML, never to leave the publisher's machine.
    public var fileText: String {
        KeyFile.text(
            comment: "lobbyd publisher PRIVATE key: keep it secret (mode 0600); sign with `lobbyctl sign --key`",
            fields: [
                ("algorithm", "ed25519"), ("key_id", publicKey.keyID), ("publisher", publisher),
                ("private_key", privateKey.rawRepresentation.base64EncodedString()),
            ])
    }

    public static func load(path: String) throws(LobbyCoreError) -> PublisherKey {
        let root = try TOMLSource.load(path: path)
        let fields = KeyFile.read(root, secret: "private_key")
        try root.diagnostics.throwIfAny()
        guard let fields, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: fields.key) else {
            throw .invalidValue(
                root.location(of: "private_key"), key: "private_key", value: "…",
                expected: Messages.Expect.privateKey.description)
        }
        return PublisherKey(publisher: fields.publisher, privateKey: key)
    }
}

/// A publisher's public key, trusted when its file is in the trusted-keys directory.
public struct TrustedKey: Sendable {
    public let publisher: String
    /// The 32 raw bytes of the Ed25519 public key.
    public let rawPublicKey: [UInt8]

    init(publisher: String, publicKey: Curve25519.Signing.PublicKey) {
        self.publisher = publisher
        rawPublicKey = Array(publicKey.rawRepresentation)
    }

    /// Whether `signature` was made over `bytes` by this key's private half.
    public func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawPublicKey) else { return false }
        return key.isValidSignature(signature, for: bytes)
    }

    /// First 8 bytes of the SHA-256 of the raw public key, in hex: short enough to read out on
    /// the phone, long enough never to collide among a hall's few publishers.
    public var keyID: String {
        SHA256.hash(data: rawPublicKey).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// `NAME.pub`.
    public var fileText: String {
        KeyFile.text(
            comment: "lobbyd publisher public key: copy into /etc/lobbyd/trusted-keys/ to trust this publisher",
            fields: [
                ("algorithm", "ed25519"), ("key_id", keyID), ("publisher", publisher),
                ("public_key", Data(rawPublicKey).base64EncodedString()),
            ])
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
        return TrustedKey(publisher: fields.publisher, publicKey: key)
    }
}

/// The small TOML files keys and signatures are kept in.
enum KeyFile {
    static func text(comment: String, fields: [(String, String)]) -> String {
        "# \(comment)\n" + fields.map { "\($0.0) = \(quoted($0.1))\n" }.joined()
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

    /// `publisher` and the decoded base64 `secret` field; reports problems to the reader.
    static func read(_ root: TOMLTableReader, secret: String) -> (publisher: String, key: Data)? {
        var algorithm = "ed25519"  // the only one; the field leaves room for another later
        root.read("algorithm", into: &algorithm, expected: Messages.Expect.ed25519) { $0 == "ed25519" }
        _ = root.string("key_id")
        let publisher = root.require("publisher", root.string)
        let encoded = root.require(secret, root.string)
        root.finish()
        guard let publisher, let encoded else { return nil }
        guard let key = Data(base64Encoded: encoded) else {
            root.invalid(secret, value: "…", expected: Messages.Expect.base64)
            return nil
        }
        return (publisher, key)
    }
}
