import Foundation

/// One thing `lobbyd --check-config` and `lobbyctl validate-config` found while opening what the
/// daemon will open.
public struct ConfigurationFinding: Sendable, Equatable, CustomStringConvertible {
    /// An error stops the daemon at start (and, under `Restart=always`, in a loop); a warning
    /// does not, but a person should know.
    public var isError: Bool
    public var message: String

    public var description: String {
        "\(isError ? Messages.Configuration.error : Messages.Configuration.warning): \(message)"
    }
}

extension Configuration {
    /// Opens what the daemon will open: the font (through `makeFitting`, which LobbyRender
    /// provides), the calendar directories, the trusted keys, the standing notice, the state and
    /// spool directories; the serial device only as a warning (it may be plugged in later).
    public func checkFiles(
        makeFitting: (Configuration) throws -> any TextFitting,
        makeController: (Configuration) throws -> Void = { _ in }
    ) -> [ConfigurationFinding] {
        var findings: [ConfigurationFinding] = []
        func fault(_ message: Localized) { findings.append(.init(isError: true, message: message.description)) }
        func warning(_ message: Localized) { findings.append(.init(isError: false, message: message.description)) }
        do {
            // The driver for this panel and card (LobbyProtocol builds it): a panel it cannot
            // drive stops the daemon at start.
            try makeController(self)
        } catch {
            fault(Messages.Configuration.controllerRefuses("\(error)"))
        }
        var fitting: (any TextFitting)?
        do {
            fitting = try makeFitting(self)
        } catch {
            fault(Messages.Configuration.font(font.path, "\(error)"))
        }
        do {
            _ = try WorkdayCalendar.load(directories: self.calendar.directories)
            if !self.calendar.directories.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
                let years = WorkdayCalendar.shipped.coveredYears.sorted()
                warning(
                    Messages.Configuration.noCalendar(
                        self.calendar.directories.joined(separator: ", "),
                        shipped: "\(years.first ?? 0)–\(years.last ?? 0)"))
            }
        } catch {
            fault(Messages.Configuration.calendar("\(error)"))
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: paths.trustedKeys, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            fault(Messages.Configuration.trustedKeysNotDirectory(paths.trustedKeys))
        } else {
            do {
                let trust = try TrustStore.load(paths)
                if trust.keys.isEmpty {
                    warning(Messages.Configuration.noTrustedKeys(paths.trustedKeys))
                }
                if !FileManager.default.fileExists(atPath: paths.people) {
                    warning(Messages.Configuration.noRoster(paths.people))
                }
                for entry in trust.roster.entries where trust.keys[entry.keyID] == nil {
                    warning(Messages.Configuration.rosterKeyMissing(entry.name, entry.keyID, paths.trustedKeys))
                }
                for entry in trust.roster.entries {
                    for category in entry.categories where !content.categories.contains(category) {
                        warning(Messages.Configuration.rosterCategory(entry.name, category))
                    }
                }
                for id in trust.revoked.keys.sorted() where trust.keys[id] == nil {
                    warning(Messages.Configuration.revokesNothing(id, paths.trustedKeys))
                }
            } catch {
                fault(Messages.Configuration.trustedKeys("\(error)"))
            }
        }
        for directory in [paths.spool, (paths.database as NSString).deletingLastPathComponent] {
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { fault(Messages.Configuration.notDirectory(directory)) }
            } else if !FileManager.default.fileExists(atPath: (directory as NSString).deletingLastPathComponent) {
                fault(Messages.Configuration.noParent(directory))
            }
        }
        if let file = metrics.textfile {
            // Written there every interval: a directory that is not there fails only at run time.
            let directory = (file as NSString).deletingLastPathComponent
            if !FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory)
                || !isDirectory.boolValue
            {
                fault(Messages.Configuration.noMetricsDirectory(directory, file: file))
            }
        }
        if let path = content.fallbackPlaylist, let fitting {
            // Checked as lobbyd will at start: a standing notice that does not pass is not shown.
            do {
                let trust = try TrustStore.load(paths)
                let file = try PlaylistFile.read(path, limit: content.maxFileBytes)
                let validator = PlaylistValidator(configuration: self, trust: trust, fitting: fitting)
                if case .rejected(let problems) = validator.validate(file, now: Date(), signedOnly: true) {
                    fault(
                        Messages.Configuration.fallbackFails(path, problems.map(\.description).joined(separator: "; ")))
                }
            } catch {
                fault(Messages.Configuration.fallback(path, "\(error)"))
            }
        }
        switch LinkEndpoint(link.endpoint) {
        case .device(let path)? where !FileManager.default.fileExists(atPath: path):
            warning(Messages.Configuration.noSerialDevice(path))
        case .tcp? where serial.powerRelay != nil:
            // A network card has no modem lines to drive a relay with.
            fault(Messages.Configuration.relayNeedsSerial(link.endpoint))
        default: break
        }
        return findings
    }
}
