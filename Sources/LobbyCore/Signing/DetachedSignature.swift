import Foundation

/// `NAME.toml.sig`: an Ed25519 signature over the exact bytes of `NAME.toml`, naming the key.
public struct DetachedSignature: Sendable, Equatable {
    public var keyID: String
    public var signature: [UInt8]

    public init(keyID: String, signature: [UInt8]) {
        self.keyID = keyID
        self.signature = signature
    }

    public var fileText: String {
        KeyFile.text(
            comment: "lobbyd detached signature of the playlist beside it (verify with `lobbyctl verify`)",
            fields: [("algorithm", "ed25519"), ("key_id", keyID), ("signature", Data(signature).base64EncodedString())])
    }

    public static func parse(text: String, file: String) throws(LobbyCoreError) -> DetachedSignature {
        let root = try TOMLSource.parse(text: text, file: file)
        var algorithm = "ed25519"
        root.read("algorithm", into: &algorithm, expected: Messages.Expect.ed25519) { $0 == "ed25519" }
        let keyID = root.require("key_id", root.string)
        let encoded = root.require("signature", root.string)
        root.finish()
        let signature = encoded.flatMap { Data(base64Encoded: $0) }
        if encoded != nil && signature == nil {
            root.invalid("signature", value: "…", expected: Messages.Expect.base64)
        }
        try root.diagnostics.throwIfAny()
        guard let keyID, let signature else { throw .missingKey(SourceLocation(file: file), key: "signature") }
        return DetachedSignature(keyID: keyID, signature: Array(signature))
    }
}
