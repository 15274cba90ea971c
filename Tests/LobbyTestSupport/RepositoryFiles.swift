import Foundation

/// Files of this repository (sample playlists, the example configuration, calendar data), found
/// from this source file's location so tests work from any working directory.
public enum RepositoryFiles {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public static func path(_ relative: String) -> String {
        "\(root)/\(relative)"
    }
}
