// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `make test` never builds them; `make bench`
// builds this in release mode and runs it. Each benchmark prints its figures and the ratio
// against a reference measured in the same run.
let package = Package(
    name: "lobbyd-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "lobbyd", path: "..")],
    targets: [
        .executableTarget(
            name: "lobby-bench",
            dependencies: [
                .product(name: "LobbyCore", package: "lobbyd"),
                .product(name: "LobbyRender", package: "lobbyd"),
                .product(name: "LobbyProtocol", package: "lobbyd"),
                .product(name: "LobbyLink", package: "lobbyd"),
                .product(name: "LobbyStore", package: "lobbyd"),
                .product(name: "LobbyDaemon", package: "lobbyd"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
