// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets, in their own package so that `make test` never builds them; `make fuzz`
// builds this with `--sanitize=fuzzer --sanitize=address` and runs each target for a bounded
// time on its corpus in Tests/Fuzz/corpus/.
let package = Package(
    name: "lobbyd-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "lobbyd", path: "..")],
    targets: [
        .executableTarget(
            name: "lobby-fuzz",
            dependencies: [
                .product(name: "LobbyCore", package: "lobbyd"),
                .product(name: "LobbyRender", package: "lobbyd"),
                .product(name: "LobbyProtocol", package: "lobbyd"),
                .product(name: "LobbySimulation", package: "lobbyd"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
