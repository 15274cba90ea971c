import CFreeType

/// The FreeType library lobbyd is linked against, as the technician sees it in `lobbyd --version`.
public enum FreeTypeLibrary {
    /// `"2.12.1"`, or `nil` if FreeType cannot be initialised at all.
    public static func version() -> String? {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        defer { FT_Done_FreeType(library) }
        var major: FT_Int = 0
        var minor: FT_Int = 0
        var patch: FT_Int = 0
        FT_Library_Version(library, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
