import Foundation

/// The languages lobbyd writes for people: Simplified Chinese first, English second.
///
/// Which one a program uses: `lobbyd` takes `[site] language`; `lobbyctl` takes `--lang`, then
/// the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that names Chinese or English (a `C` or `POSIX`
/// locale names neither and is passed over), then `[site] language`. Machine-readable output
/// (`--json`, event kinds, metric names) is the same in both.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh-CN"
    case english = "en"

    /// The language a locale name (`zh_CN.UTF-8`, `en_GB`, `zh-CN`, `en`) asks for; `nil` for
    /// `C`, `POSIX`, empty or any other language.
    public init?(locale: String) {
        let lowered = locale.lowercased()
        if lowered.hasPrefix("zh") {
            self = .chinese
        } else if lowered.hasPrefix("en") {
            self = .english
        } else {
            return nil
        }
    }

    /// `lobbyctl`'s choice: `--lang` (already parsed), then the locale variables in POSIX order,
    /// then the hall's `[site] language`.
    public static func chosen(flag: Language?, environment: [String: String], site: Language) -> Language {
        flag ?? named(by: environment) ?? site
    }

    /// The language the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that names one asks for.
    public static func named(by environment: [String: String]) -> Language? {
        ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0].flatMap(Language.init(locale:)) }.first
    }

    /// The language this process writes in. Set once by the program's entry point (and by
    /// `lobbyd` on a reload that changes `[site] language`); Chinese until then. Within
    /// `Language.$scoped.withValue(…)` (a task-local value), that language instead.
    public static var current: Language {
        get { scoped ?? LanguageSetting.shared.value }
        set { LanguageSetting.shared.value = newValue }
    }

    /// The process's language, whatever a task or request asked for: the event log's records
    /// are in the hall's language.
    public static var process: Language { LanguageSetting.shared.value }

    /// A language for one task or thread and what it calls, without touching the process's:
    /// lobbyd answers each control request in the language lobbyctl asks for, and tests word
    /// the same message in both languages side by side.
    @TaskLocal public static var scoped: Language?
}

/// The process's language, behind a lock: read from any thread, set rarely.
private final class LanguageSetting: @unchecked Sendable {
    static let shared = LanguageSetting()
    private let lock = NSLock()
    private var stored = Language.chinese

    var value: Language {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
