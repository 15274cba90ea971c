extension Frame {
    /// The frame in a terminal: each character cell shows two rows of dots with the upper and
    /// lower half-blocks. With `colors`, lit dots take their LED colour (ANSI) on black;
    /// without, `█ ▀ ▄` in the terminal's own colour, for logs and pipes.
    public func terminalPreview(colors: Bool) -> String {
        var output = ""
        for y in stride(from: 0, to: height, by: 2) {
            for x in 0..<width {
                let upper = self[x, y]
                let lower = y + 1 < height ? self[x, y + 1] : .off
                output += colors ? Self.colored(upper, lower) : Self.plain(upper != .off, lower != .off)
            }
            output += colors ? "\u{1B}[0m\n" : "\n"
        }
        return output
    }

    private static func plain(_ upper: Bool, _ lower: Bool) -> String {
        switch (upper, lower) {
        case (true, true): "█"
        case (true, false): "▀"
        case (false, true): "▄"
        case (false, false): " "
        }
    }

    /// Foreground paints the upper half (▀), background the lower.
    private static func colored(_ upper: DotColor, _ lower: DotColor) -> String {
        "\u{1B}[38;5;\(ansi(upper));48;5;\(ansi(lower))m▀"
    }

    private static func ansi(_ color: DotColor) -> Int {
        switch color {
        case .off: 235
        case .red: 196
        case .green: 46
        case .amber: 214
        }
    }
}
