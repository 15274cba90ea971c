// swift-tools-version: 6.1
import PackageDescription

// Module map: see docs/ARCHITECTURE.md ("Modules"). The libraries below the daemon open no
// sockets and keep no clocks of their own; C enters Swift only through the system-library
// targets (CSerialPort, CFreeType, CZlib, CPty).
let package = Package(
    name: "lobbyd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lobbyd", targets: ["lobbyd"]),
        .executable(name: "lobbyctl", targets: ["lobbyctl"]),
        .executable(name: "lobby-sim", targets: ["lobby-sim"]),
        // Libraries are products so that Benchmarks/ (a separate package) can measure them.
        .library(name: "LobbyCore", targets: ["LobbyCore"]),
        .library(name: "LobbyRender", targets: ["LobbyRender"]),
        .library(name: "LobbyProtocol", targets: ["LobbyProtocol"]),
        .library(name: "LobbyLink", targets: ["LobbyLink"]),
        .library(name: "LobbyStore", targets: ["LobbyStore"]),
        .library(name: "LobbyDaemon", targets: ["LobbyDaemon"]),
        // For Fuzz/ (a separate package): the simulated cards read untrusted bytes too.
        .library(name: "LobbySimulation", targets: ["LobbySimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSerialPort",
            pkgConfig: "libserialport",
            providers: [.apt(["libserialport-dev"])]
        ),
        .systemLibrary(
            name: "CFreeType",
            pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"])]
        ),
        .systemLibrary(name: "CPty"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "LobbyCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .target(name: "LobbyRender", dependencies: ["LobbyCore", "CFreeType", "CZlib"]),
        .target(name: "LobbyProtocol", dependencies: ["LobbyCore", "LobbyRender"]),
        // The signs as lobby-sim and the soak test simulate them: strict models of the devices,
        // kept out of the driver module that talks to the real ones.
        .target(name: "LobbySimulation", dependencies: ["LobbyProtocol", "LobbyRender"]),
        .target(
            name: "LobbyLink",
            dependencies: ["LobbyProtocol", "CSerialPort", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "LobbyStore",
            dependencies: [
                "LobbyCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "LobbyDaemon",
            dependencies: [
                "LobbyCore", "LobbyRender", "LobbyProtocol", "LobbyLink", "LobbyStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "lobbyd",
            dependencies: [
                "LobbyDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lobbyctl",
            dependencies: [
                "LobbyCore", "LobbyRender", "LobbyProtocol", "LobbyLink", "LobbyStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lobby-sim",
            dependencies: [
                "LobbyCore", "LobbyProtocol", "LobbyRender", "LobbySimulation", "CPty",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "LobbyTestSupport", dependencies: ["LobbyCore"], path: "Tests/LobbyTestSupport"),
        // Test tool: appends events in a burst, for the kill -9 durability test.
        .executableTarget(
            name: "store-burst", dependencies: ["LobbyStore", "LobbyCore"], path: "Tests/Tools/store-burst"),
        .testTarget(
            name: "LobbyCoreTests",
            dependencies: [
                "LobbyCore", "LobbyTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LobbyRenderTests",
            dependencies: ["LobbyRender", "CFreeType", "CZlib", "LobbyTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "LobbyProtocolTests",
            dependencies: [
                "LobbyCore", "LobbyProtocol", "LobbyRender", "LobbySimulation",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "LobbyLinkTests", dependencies: ["LobbyLink"]),
        .testTarget(
            name: "LobbyStoreTests",
            dependencies: [
                "LobbyStore", "LobbyCore", "LobbyTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "LobbyDaemonTests",
            dependencies: [
                "LobbyDaemon", "LobbyCore", "LobbyRender", "LobbyStore", "LobbyTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The virtual-time soak: `make test` runs a week, `make soak` ninety days (RELIABILITY.md).
        .testTarget(
            name: "SoakTests",
            dependencies: [
                "LobbyDaemon", "LobbyCore", "LobbyLink", "LobbyProtocol", "LobbySimulation", "LobbyStore",
                "LobbyTestSupport",
                // sqlite3_memory_used, to tell SQLite's page cache from a leak.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "lobbyd", "lobbyctl", "lobby-sim", "store-burst", "LobbyTestSupport", "LobbyStore", "LobbyCore",
                "LobbyRender", "LobbyProtocol",
                "LobbyLink",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
