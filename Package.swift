// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mlaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mlaudit", targets: ["mlaudit"]),
        .library(name: "MLAuditScanner", targets: ["MLAuditScanner"]),
    ],
    // Exact versions: every build resolves the same dependency graph without a committed
    // Package.resolved (docs/install.md says why none is committed).
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Streaming SHA-256 and MD5 of data files through the system's libcrypto.
        .target(
            name: "MLAuditHashing",
            dependencies: ["CLibCrypto"]
        ),
        // Model, rule catalogue, configuration, byte utilities.
        .target(
            name: "MLAuditCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Parsers of the file formats mlaudit reads (byte-level where hot).
        .target(
            name: "MLAuditParsers",
            dependencies: ["MLAuditCore", .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Discovery, the scan engine and the rule implementations.
        .target(
            name: "MLAuditScanner",
            dependencies: [
                "MLAuditCore", "MLAuditParsers", "MLAuditHashing",
                .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Environment manifests: capture (snapshot), foreign readers and diff.
        .target(
            name: "MLAuditEnvironment",
            dependencies: ["MLAuditCore", "MLAuditParsers", "MLAuditHashing", .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Environment drift: readers of recordings in many formats and their comparison (`mlaudit diff`).
        .target(
            name: "MLAuditDiff",
            dependencies: [
                "MLAuditCore", "MLAuditParsers", "MLAuditEnvironment",
                .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Report formats.
        .target(
            name: "MLAuditReporters",
            dependencies: ["MLAuditCore", "CLibXML2"]
        ),
        .executableTarget(
            name: "mlaudit",
            dependencies: [
                "MLAuditCore", "MLAuditScanner", "MLAuditReporters", "MLAuditEnvironment", "MLAuditDiff",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Development tool: regenerates the compiled catalogue and docs/rules from rules/.
        .executableTarget(
            name: "mlaudit-catalogue",
            dependencies: ["MLAuditCore", .product(name: "Yams", package: "Yams")]
        ),
        // Development tool: in-process throughput measurements (see bench/).
        .executableTarget(
            name: "mlaudit-bench",
            dependencies: ["MLAuditParsers"]
        ),
        // Fuzz targets over the parsers and readers of untrusted input, and their seed corpora.
        .target(
            name: "MLAuditFuzzing",
            dependencies: ["MLAuditCore", "MLAuditParsers", "MLAuditDiff"]
        ),
        // Development tool: replays inputs through a fuzz target; built with libFuzzer by scripts/fuzz.sh.
        .executableTarget(
            name: "mlaudit-fuzz",
            dependencies: ["MLAuditFuzzing"]
        ),
        .target(
            name: "MLAuditTestSupport",
            dependencies: ["MLAuditCore", "MLAuditScanner", "MLAuditDiff"],
            path: "Tests/MLAuditTestSupport"
        ),
        .testTarget(name: "MLAuditCoreTests", dependencies: ["MLAuditCore", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditParsersTests", dependencies: ["MLAuditParsers", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditScannerTests", dependencies: ["MLAuditScanner", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditReportersTests", dependencies: ["MLAuditReporters", "MLAuditScanner", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditEnvironmentTests", dependencies: ["MLAuditEnvironment", "MLAuditHashing", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditHashingTests", dependencies: ["MLAuditHashing", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditDiffTests", dependencies: ["MLAuditDiff", "MLAuditTestSupport"]),
        .testTarget(name: "MLAuditFuzzingTests", dependencies: ["MLAuditFuzzing", "MLAuditTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["mlaudit", "MLAuditTestSupport"]),
    ]
)
