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
            case 1: "\(path): cannot open the font file: it does not exist or cannot be read"
            case 2, 3: "\(path): not a font file FreeType can read"
            default: "\(path): FreeType cannot open this font (FreeType error \(code))"
            }
        case .fontNotAFile(let path): "\(path): not a font file (a directory, pipe or device)"
        case .sizeNotAvailable(let path, let size, let available):
            "\(path): bitmap font has no \(size) px size; available: "
                + available.map { "\($0) px" }.joined(separator: ", ")
        case .doesNotFitOnePage(let pages):
            "static text needs \(pages) pages; shorten it or use mode \"page\" or \"scroll\""
        case .lineTallerThanPanel(let lineHeight, let panelHeight):
            "a line is \(lineHeight) dots tall but the panel has only \(panelHeight) rows"
        case .tooLarge(let dots, let limit):
            "the text would need \(dots) dots of pictures, more than the \(limit) drawn at most; shorten it or use a smaller font or panel"
        case .tooManyGlyphs(let limit):
            "the text has more different characters than \(limit >> 20) MiB of glyphs hold at this font size; shorten it or use a smaller font"
        }
    }
}
