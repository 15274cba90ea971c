import Foundation
import LobbyCore
import LobbyRender
import Testing

@testable import LobbyProtocol

/// The controller seam (issues 18 and 24): one factory keyed by `[controller] driver`, and no
/// code above LobbyProtocol that knows which family is in use.
@Suite("Controller seam")
struct ControllerSeamTests {
    @Test("every configured driver yields its controller, which programs a blank sign")
    func factory() throws {
        for driver in ControllerDriver.allCases {
            var configuration = Configuration()
            configuration.controller.driver = driver
            if driver == .onbonBX {
                configuration.controller.model = .bx6E1
                configuration.controller.address = "1"
            }
            let controller = try ControllerFactory.make(configuration)
            let page = Frame(width: configuration.panel.width, height: configuration.panel.height)
            let (transmissions, memory) = try controller.program(SignProgram(pages: [page]), memory: SignMemory())
            #expect(!transmissions.isEmpty && memory.isConfigured, "\(driver)")
            // The player cuts the rotation to the capacity: a program that long is taken.
            let capacity = controller.pageCapacity
            #expect(capacity >= 1 && capacity <= configuration.controller.pictureSlots)
            let distinct = (0...capacity).map { index in
                var frame = page
                frame.light(x: index % page.width, y: index / page.width, .red)
                return frame
            }
            _ = try controller.program(SignProgram(pages: Array(distinct.prefix(capacity))), memory: SignMemory())
            #expect(throws: ControllerError.self) {
                try controller.program(SignProgram(pages: distinct), memory: SignMemory())
            }
        }
    }

    @Test("no source above LobbyProtocol names a controller family's type")
    func nothingAboveNamesAFamily() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var offenders: [String] = []
        for module in ["LobbyDaemon", "LobbyLink", "lobbyctl", "lobbyd"] {
            let directory = sources.appendingPathComponent(module)
            let files = try #require(FileManager.default.enumerator(atPath: directory.path))
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for family in ControllerDriver.allCases.map(\.typePrefix)
                where text.range(of: "\\b\(family)[A-Z][A-Za-z]*\\b", options: .regularExpression) != nil {
                    offenders.append("\(module)/\(file) names an \(family)… type")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}

extension ControllerDriver {
    /// How the family's types are named in LobbyProtocol: `Alpha` for `AlphaController`.
    fileprivate var typePrefix: String {
        switch self {
        case .alpha: "Alpha"
        case .onbonBX: "Onbon"
        }
    }
}
