import Foundation

/// One thing `lobbyd --check-config` and `lobbyctl validate-config` found while opening what the
/// daemon will open.
public struct ConfigurationFinding: Sendable, Equatable, CustomStringConvertible {
    /// An error stops the daemon at start (and, under `Restart=always`, in a loop); a warning
    /// does not, but a person should know.
    public var isError: Bool
    public var message: String

    public var description: String { (isError ? "error: " : "warning: ") + message }
}

extension Configuration {
    /// Opens what the daemon will open: the font (through `makeFitting`, which LobbyRender
    /// provides), the calendar directories, the trusted keys, the standing notice, the state and
    /// spool directories; the serial device only as a warning (it may be plugged in later).
    public func checkFiles(makeFitting: (Configuration) throws -> any TextFitting) -> [ConfigurationFinding] {
        var findings: [ConfigurationFinding] = []
        func fault(_ message: String) { findings.append(.init(isError: true, message: message)) }
        func warning(_ message: String) { findings.append(.init(isError: false, message: message)) }
        var fitting: (any TextFitting)?
        do {
            fitting = try makeFitting(self)
        } catch {
            fault("font \(font.path): \(error)")
        }
        do {
            let calendar = try WorkdayCalendar.load(directories: self.calendar.directories)
            if calendar.coveredYears.isEmpty {
                fault(
                    "no calendar file in \(self.calendar.directories.joined(separator: ", ")): without the statutory calendar the screen would follow weekends only"
                )
            }
        } catch {
            fault("calendar: \(error)")
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: paths.trustedKeys, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            fault("trusted keys: \(paths.trustedKeys) is not a directory")
        } else {
            do {
                let trust = try TrustStore.load(directory: paths.trustedKeys)
                if trust.keys.isEmpty {
                    warning("no trusted publisher keys in \(paths.trustedKeys): every playlist will be rejected")
                }
            } catch {
                fault("trusted keys: \(error)")
            }
        }
        for directory in [paths.spool, (paths.database as NSString).deletingLastPathComponent] {
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { fault("\(directory) is not a directory") }
            } else if !FileManager.default.fileExists(atPath: (directory as NSString).deletingLastPathComponent) {
                fault("\(directory) does not exist, nor does the directory that would hold it")
            }
        }
        if let path = content.fallbackPlaylist, let fitting {
            // Checked as lobbyd will at start: a standing notice that does not pass is not shown.
            do {
                let trust = try TrustStore.load(directory: paths.trustedKeys)
                let file = try PlaylistFile.read(path, limit: content.maxFileBytes)
                let validator = PlaylistValidator(configuration: self, trust: trust, fitting: fitting)
                if case .rejected(let problems) = validator.validate(file, now: Date(), signedOnly: true) {
                    fault(
                        "the standing notice \(path) does not pass, lobbyd would run without it: "
                            + problems.map(\.description).joined(separator: "; "))
                }
            } catch {
                fault("the standing notice \(path): \(error)")
            }
        }
        if !FileManager.default.fileExists(atPath: serial.device) {
            warning("serial device \(serial.device) does not exist (yet): lobbyd will retry until it appears")
        }
        return findings
    }
}
