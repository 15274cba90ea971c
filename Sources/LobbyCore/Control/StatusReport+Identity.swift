extension StatusReport {
    /// Whether `other` is written as the same line. `==` compares strings by canonical
    /// equivalence, so "é" and "e" with a combining accent, or 金 and its compatibility
    /// ideograph U+F90A, are equal to it; a line kept for an equal report would show an old note
    /// or reason. Here every string must also be equal byte for byte.
    public func isIdentical(to other: StatusReport) -> Bool {
        self == other && strings.elementsEqual(other.strings) { $0.utf8.elementsEqual($1.utf8) }
    }

    /// Every string in the report, in the order its properties are declared (nil ones left
    /// out). `StatusIdentityTests` holds this list to the type's own properties, found by
    /// reflection, so that a property added later cannot be missed here.
    var strings: [String] {
        var result = [`class`, release, now, screen.reason, screen.cause]
        result += [screen.since, next?.at].compactMap { $0 }
        result += showing.playlists + showing.items
        result += [link.device, link.state, link.since]
        result += [link.lastError, link.lastUpload].compactMap { $0 }
        for override in overrides { result += [override.from, override.until, override.reason, override.actor] }
        if let maintenance {
            result +=
                [maintenance.since, maintenance.actor, maintenance.note] + [maintenance.pattern].compactMap { $0 }
        }
        if let testPattern { result += [testPattern.pattern, testPattern.until, testPattern.actor] }
        result += [dailyCheck].compactMap { $0 } + warnings + [timeZone].compactMap { $0 }
        return result
    }
}
