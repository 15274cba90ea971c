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

    /// All `frames` stacked in one picture with a gap between them, for reviewing a playlist.
    public static func contactSheet(_ frames: [Frame], scale: Int = 4, gap: Int = 8) -> PNGImage {
        let width = (frames.map(\.width).max() ?? 1) * scale + 2 * gap
        let height = frames.reduce(gap) { $0 + $1.height * scale + gap }
        var sheet = PNGImage(width: width, height: height, background: (60, 60, 60))
        var y = gap
        for frame in frames {
            frame.drawPanel(into: &sheet, originX: gap, originY: y, scale: scale)
            y += frame.height * scale + gap
        }
        return sheet
    }

    private static func inside(_ dx: Int, _ dy: Int, centre: Double, radius: Double) -> Bool {
        let ex = Double(dx) - centre
        let ey = Double(dy) - centre
        return ex * ex + ey * ey <= radius * radius
    }
}
