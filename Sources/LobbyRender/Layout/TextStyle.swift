import LobbyCore

/// How text is placed on the panel.
public struct TextStyle: Sendable, Equatable {
    public enum Alignment: String, Sendable, CaseIterable { case left, center, right }
    public enum VerticalAlignment: String, Sendable, CaseIterable { case top, middle }

    public var color: DotColor = .red
    public var alignment: Alignment = .left
    public var verticalAlignment: VerticalAlignment = .top
    /// Extra dots between one line's box and the next.
    public var lineSpacing = 0
    public var leftMargin = 0
    public var rightMargin = 0
    public var topMargin = 0

    public init(
        color: DotColor = .red, alignment: Alignment = .left, verticalAlignment: VerticalAlignment = .top,
        lineSpacing: Int = 0
    ) {
        self.color = color
        self.alignment = alignment
        self.verticalAlignment = verticalAlignment
        self.lineSpacing = lineSpacing
    }
}

/// How an item's text becomes frames.
public enum LayoutMode: String, Sendable, CaseIterable {
    /// Split into as many pages as needed, shown one after another.
    case page
    /// Must fit one page; more is an error (the playlist validator rejects it).
    case `static`
    /// One line as a strip wider than the panel, for horizontal scrolling.
    case scroll
}

/// A character the font cannot draw, where it is in the text.
public struct MissingGlyph: Sendable, Equatable, CustomStringConvertible {
    public var scalar: Unicode.Scalar
    /// Position in the text, counted in Unicode scalars from 0.
    public var offset: Int

    public init(scalar: Unicode.Scalar, offset: Int) {
        self.scalar = scalar
        self.offset = offset
    }

    public var description: String {
        Messages.Render.character(scalar.codePoint, "\(scalar)", at: offset + 1).description
    }
}
