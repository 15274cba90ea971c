import LobbyCore

extension TextRenderer {
    /// The renderer the daemon uses: the configured font, size and panel.
    public convenience init(configuration: Configuration) throws(LobbyRenderError) {
        let font = try FontFace(path: configuration.font.path, pixelSize: configuration.font.pixelSize)
        try self.init(font: font, width: configuration.panel.width, height: configuration.panel.height)
    }
}

/// Lets the playlist validator ask this renderer about coverage and page count.
extension TextRenderer: TextFitting {
    public func missingCharacters(in text: String) -> [(scalar: Unicode.Scalar, offset: Int)] {
        coverage(text).map { ($0.scalar, $0.offset) }
    }

    public func pageCount(of text: String) -> Int {
        let lines = lines(text, style: TextStyle()).count
        let perPage = linesPerPage(style: TextStyle())
        return (lines + perPage - 1) / perPage
    }
}

extension PlaylistItem {
    /// How the renderer draws this item.
    public var textStyle: TextStyle {
        let colors: [String: DotColor] = ["red": .red, "green": .green, "amber": .amber]
        let alignments: [PlaylistItem.Alignment: TextStyle.Alignment] = [
            .left: .left, .center: .center, .right: .right,
        ]
        return TextStyle(
            color: colors[color] ?? .red, alignment: alignments[alignment] ?? .left, verticalAlignment: .middle)
    }

    public var layoutMode: LayoutMode {
        switch mode {
        case .page: .page
        case .static: .static
        case .scroll: .scroll
        }
    }
}

extension TextRenderer {
    /// The panel pictures of one playlist item. A scroll item becomes consecutive panel-wide
    /// windows of its strip, because a controller shows pictures, not moving text.
    public func pages(for item: PlaylistItem) throws(LobbyRenderError) -> [Frame] {
        item.mode == .scroll
            ? try scrollPages(item.text, style: item.textStyle)
            : try render(item.text, style: item.textStyle, mode: item.layoutMode)
    }
}
