/// One thing said to a person, in both languages. Built only in the message catalogue
/// (`Sources/LobbyCore/Messages/`, `MessageCatalogueTests` checks that no other source file
/// builds one or prints its own sentences), so a key cannot exist in one language only.
public struct Localized: Sendable, Equatable, CustomStringConvertible {
    public let chinese: String
    public let english: String

    init(_ chinese: String, _ english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// Nothing, in either language (an empty label).
    public static let empty = Localized("", "")

    public func text(in language: Language) -> String {
        language == .chinese ? chinese : english
    }

    /// In the process's language (`Language.current`).
    public var description: String { text(in: .current) }
}
