/// Typed field readers with validation, shared by every TOML file lobbyd reads. Each leaves the
/// destination untouched (the default) when the key is absent or its value is reported invalid.
extension TOMLTableReader {
    /// Reads the sub-table `key` if present, then reports its unknown keys.
    func section(_ key: String, _ read: (TOMLTableReader) -> Void) {
        guard let table = table(key) else { return }
        read(table)
        table.finish()
    }

    func read<T: RawRepresentable & CaseIterable>(_ key: String, into value: inout T)
    where T.RawValue == String {
        guard let text = string(key) else { return }
        guard let choice = T(rawValue: text) else {
            let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            return invalid(key, value: "\"\(text)\"", expected: Messages.Expect.oneOf(allowed))
        }
        value = choice
    }

    func read(_ key: String, into value: inout Int, in range: ClosedRange<Int>) {
        guard let number = integer(key) else { return }
        guard range.contains(number) else {
            return invalid(
                key, value: "\(number)", expected: Messages.Expect.integer(from: range.lowerBound, to: range.upperBound)
            )
        }
        value = number
    }

    func read(_ key: String, into value: inout Int, oneOf allowed: [Int]) {
        guard let number = integer(key) else { return }
        guard allowed.contains(number) else {
            let list = allowed.map(String.init).joined(separator: ", ")
            return invalid(key, value: "\(number)", expected: Messages.Expect.oneOf(list))
        }
        value = number
    }

    /// A string that must pass `isValid`; `expected` says what would have.
    func read(_ key: String, into value: inout String, expected: Localized, isValid: (String) -> Bool) {
        guard let text = string(key) else { return }
        guard isValid(text) else { return invalid(key, value: "\"\(text)\"", expected: expected) }
        value = text
    }

    /// An absolute path: relative ones would depend on the working directory, which differs
    /// between a shell and systemd.
    func readPath(_ key: String, into value: inout String) {
        read(key, into: &value, expected: Messages.Expect.absolutePath) { $0.hasPrefix("/") }
    }

    func readPaths(_ key: String, into value: inout [String]) {
        guard let paths = strings(key) else { return }
        let relative = paths.filter { !$0.hasPrefix("/") }
        guard relative.isEmpty else {
            return invalid(key, value: "\"\(relative[0])\"", expected: Messages.Expect.absolutePaths)
        }
        value = paths
    }

    /// A list of `"HH:MM-HH:MM"` windows, sorted, none overlapping another.
    func readWindows(_ key: String, into value: inout [PlaybackWindow]) {
        guard let texts = strings(key) else { return }
        var windows: [PlaybackWindow] = []
        for text in texts {
            guard let window = PlaybackWindow(parsing: text) else {
                invalid(
                    key, value: "\"\(text)\"", expected: Messages.Expect.window)
                return
            }
            windows.append(window)
        }
        windows.sort()
        for (earlier, later) in zip(windows, windows.dropFirst()) where earlier.overlaps(later) {
            invalid(key, value: "\"\(earlier)\" and \"\(later)\"", expected: Messages.Expect.separateWindows)
            return
        }
        value = windows
    }
}
