import LobbyCore

extension DotColor {
    /// The colour a lit LED of this kind shows, for pictures.
    var rgb: (UInt8, UInt8, UInt8) {
        switch self {
        case .off: (0, 0, 0)
        case .red: (255, 40, 20)
        case .green: (40, 230, 60)
        case .amber: (255, 176, 0)
        }
    }

    /// A dark LED is still faintly visible on a real panel.
    static let unlitRGB: (UInt8, UInt8, UInt8) = (34, 30, 30)
}

extension Frame {
    /// One pixel per dot: exact, for tools and diffs.
    public func png() -> [UInt8] {
        var image = PNGImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image.set(x: x, y: y, self[x, y].rgb) }
        }
        return image.encoded()
    }

    /// Drawn like the real panel: round dots on black, `scale` pixels per dot.
    public func panelPicture(scale: Int = 6) -> PNGImage {
        var image = PNGImage(width: width * scale, height: height * scale)
        drawPanel(into: &image, originX: 0, originY: 0, scale: scale)
        return image
    }

    /// Draws this frame's dots as discs into `image` at the given origin.
    public func drawPanel(into image: inout PNGImage, originX: Int, originY: Int, scale: Int) {
        let radius = Double(scale) * 0.42
        let centre = Double(scale - 1) / 2
        for y in 0..<height {
            for x in 0..<width {
                let color = self[x, y] == .off ? DotColor.unlitRGB : self[x, y].rgb
                for dy in 0..<scale {
                    for dx in 0..<scale where Self.inside(dx, dy, centre: centre, radius: radius) {
                        image.set(x: originX + x * scale + dx, y: originY + y * scale + dy, color)
                    }
                }
            }
        }
    }

    /// All `pages` stacked in one picture with a gap between them, for reviewing a playlist;
    /// each page's `label` (a line of text rendered as dots) drawn plainly above it, `labelScale`
    /// pixels per dot.
    public static func contactSheet(
        _ pages: [(label: Frame?, frame: Frame)], scale: Int = 4, labelScale: Int = 2, gap: Int = 8
    ) -> PNGImage {
        let widest = pages.map { max($0.frame.width * scale, ($0.label?.width ?? 0) * labelScale) }.max() ?? 1
        let height = pages.reduce(gap) {
            $0 + ($1.label.map { $0.height * labelScale + gap / 2 } ?? 0) + $1.frame.height * scale + gap
        }
        var sheet = PNGImage(width: widest + 2 * gap, height: height, background: (60, 60, 60))
        var y = gap
        for page in pages {
            if let label = page.label {
                label.drawPlain(into: &sheet, originX: gap, originY: y, scale: labelScale, color: (230, 230, 230))
                y += label.height * labelScale + gap / 2
            }
            page.frame.drawPanel(into: &sheet, originX: gap, originY: y, scale: scale)
            y += page.frame.height * scale + gap
        }
        return sheet
    }

    /// Lit dots as squares of `color`, unlit ones left as they are: text on a sheet.
    func drawPlain(into image: inout PNGImage, originX: Int, originY: Int, scale: Int, color: (UInt8, UInt8, UInt8)) {
        for y in 0..<height {
            for x in 0..<width where self[x, y] != .off {
                for dy in 0..<scale {
                    for dx in 0..<scale { image.set(x: originX + x * scale + dx, y: originY + y * scale + dy, color) }
                }
            }
        }
    }

    /// The frame as a panel of `colors` lights it: a one-colour panel lights every dot in its
    /// one colour (red), whatever colour the text asked for.
    public func shown(on colors: ColorCapability) -> Frame {
        guard colors == .mono else { return self }
        var shown = Frame(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where self[x, y] != .off { shown[x, y] = .red }
        }
        return shown
    }

    private static func inside(_ dx: Int, _ dy: Int, centre: Double, radius: Double) -> Bool {
        let ex = Double(dx) - centre
        let ey = Double(dy) - centre
        return ex * ex + ey * ey <= radius * radius
    }
}
