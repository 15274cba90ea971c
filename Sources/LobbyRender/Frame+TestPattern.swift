import LobbyCore

extension Frame {
    /// The pages of a test pattern for a dead-dot check: every dot lit in one colour, or a
    /// checkerboard followed by its inverse so that every dot is seen lit and dark. A mono
    /// panel shows every colour pattern in its one colour (red on the wire).
    public static func testPattern(_ pattern: TestPattern, width: Int, height: Int) -> [Frame] {
        func filled(_ color: DotColor, where isLit: (Int, Int) -> Bool) -> Frame {
            var frame = Frame(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width where isLit(x, y) { frame[x, y] = color }
            }
            return frame
        }
        switch pattern {
        case .allOn, .red: return [filled(.red) { _, _ in true }]
        case .green: return [filled(.green) { _, _ in true }]
        case .amber: return [filled(.amber) { _, _ in true }]
        case .checkerboard:
            return [filled(.red) { ($0 + $1) % 2 == 0 }, filled(.red) { ($0 + $1) % 2 == 1 }]
        }
    }
}
