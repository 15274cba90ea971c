import LobbyCore

/// Every error `LobbyRender` reports, with what a person needs to fix it.
public enum LobbyRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// FreeType could not open the file as a font.
    case fontUnreadable(path: String, freeTypeError: Int32)
    /// The font path names a directory, a pipe or a device, not a file (a pipe would block).
    case fontNotAFile(path: String)
    /// A bitmap-only font has no strike at the requested size.
    case sizeNotAvailable(path: String, pixelSize: Int, available: [Int])
    /// A `static` item needs more than one page.
    case doesNotFitOnePage(pages: Int)
    /// Panel or font geometry that cannot hold a single line.
    case lineTallerThanPanel(lineHeight: Int, panelHeight: Int)
    /// The pictures would hold more dots than `TextRenderer.maximumDots` (memory is bounded).
    case tooLarge(dots: Int, limit: Int)
    /// The text's different characters need more glyph bitmap bytes than the cache holds.
    case tooManyGlyphs(limitBytes: Int)

    public var description: String {
        switch self {
        case .fontUnreadable(let path, let code):
            switch code {
            case 1: Messages.Render.fontUnreadable(path).description
            case 2, 3: Messages.Render.notAFont(path).description
            default: Messages.Render.freeType(path, code: Int32(code)).description
            }
        case .fontNotAFile(let path): Messages.Render.fontNotAFile(path).description
        case .sizeNotAvailable(let path, let size, let available):
            Messages.Render.sizeNotAvailable(
                path, size, available: available.map { "\($0) px" }.joined(separator: ", ")
            )
            .description
        case .doesNotFitOnePage(let pages):
            Messages.Render.doesNotFitOnePage(pages).description
        case .lineTallerThanPanel(let lineHeight, let panelHeight):
            Messages.Render.lineTallerThanPanel(lineHeight, panelHeight).description
        case .tooLarge(let dots, let limit):
            Messages.Render.tooLarge(dots, limit: limit).description
        case .tooManyGlyphs(let limit):
            Messages.Render.tooManyGlyphs(limit >> 20).description
        }
    }
}
