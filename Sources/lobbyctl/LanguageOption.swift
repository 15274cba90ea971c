import ArgumentParser
import Foundation
import LobbyCore

/// `--lang zh-CN|en`, accepted anywhere on the command line and taken out before the
/// subcommand's own parsing, so that every message (argument errors too) is in one language.
enum LanguageOption {
    struct Invalid: Error, CustomStringConvertible {
        let value: String
        var description: String { Messages.Console.badLanguage(value).description }
    }

    /// Whether `--lang` or the locale chose the language; if not, lobbyctl speaks the language
    /// of the lobbyd it talks to (its greeting says it), not the configuration's it may not see.
    nonisolated(unsafe) static var isExplicit = false

    /// Options without a value: a `--lang` after any other option is that option's value
    /// (`render --text --lang=en` draws the text "--lang=en").
    static let flags: Set<String> = ["--json", "--help", "-h", "--version", "--check-config", "--quiet"]

    /// Removes `--lang X` or `--lang=X` from `arguments`; the last one given wins.
    static func extract(from arguments: inout [String]) throws(Invalid) -> Language? {
        var chosen: Language?
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                kept += arguments[index...]
                break
            }
            if let previous = kept.last, previous.hasPrefix("-"), !previous.contains("="), !flags.contains(previous) {
                kept.append(argument)
                index += 1
                continue
            }
            var value: String?
            if argument == "--lang" {
                value = index + 1 < arguments.count ? arguments[index + 1] : ""
                index += 2
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
                index += 1
            } else {
                kept.append(argument)
                index += 1
            }
            if let value {
                guard let language = Language(rawValue: value) ?? Language(locale: value) else {
                    throw Invalid(value: value)
                }
                chosen = language
            }
        }
        arguments = kept
        return chosen
    }

    /// `[site] language` of the configuration named by `--config` (or the default one), or
    /// Chinese when there is none to read: the command itself reports a broken configuration.
    static func siteLanguage(_ arguments: [String]) -> Language {
        var path = Release.defaultConfigurationPath
        for (index, argument) in arguments.enumerated() {
            if argument == "--config", index + 1 < arguments.count { path = arguments[index + 1] }
            if argument.hasPrefix("--config=") { path = String(argument.dropFirst("--config=".count)) }
        }
        guard FileManager.default.isReadableFile(atPath: path),
            let configuration = try? Configuration.load(path: path)
        else { return .chinese }
        return configuration.site.language
    }
}

extension Localized {
    /// An option's help in the chosen language.
    var argument: ArgumentHelp { ArgumentHelp(description) }
}
