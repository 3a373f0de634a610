// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Lectern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lectern", targets: ["lectern"]),
        .executable(name: "lectern-query", targets: ["lectern-query"]),
        .library(name: "LecternEmbedding", targets: ["LecternEmbedding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CMatrixKernels"),
        .target(name: "LecternEmbedding", dependencies: ["COpenBLAS", "CMatrixKernels"]),
        .target(name: "LecternContent", dependencies: ["CCmarkGFM", "CLibXML2", "CZlib"]),
        .target(name: "CInt8Kernels"),
        .target(name: "LecternIndex", dependencies: ["CInt8Kernels", "CMatrixKernels"]),
        .target(name: "LecternJSON"),
        .target(name: "LecternChunking", dependencies: ["LecternContent", "LecternEmbedding"]),
        .target(name: "LecternStore", dependencies: ["CSQLite"]),
        .target(name: "LecternReports", dependencies: [
            "LecternStore", "LecternJSON", "LecternRedaction", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "LecternRedaction"),
        .target(name: "LecternFAQ", dependencies: ["LecternEmbedding", "LecternIndex", "LecternStore", "LecternRedaction"]),
        .target(name: "LecternGuardrails"),
        .target(name: "LecternSources", dependencies: ["CCurl", "LecternContent", "LecternChunking", "LecternStore"]),
        .target(name: "LecternBuild", dependencies: [
            "LecternContent", "LecternChunking", "LecternEmbedding", "LecternIndex", "LecternStore", "LecternSources",
            "LecternGuardrails",
        ]),
        .executableTarget(name: "lectern", dependencies: [
            "LecternEmbedding", "LecternBuild", "LecternChunking", "LecternIndex", "LecternStore", "LecternReports",
            "LecternSources", "LecternFAQ",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "LecternServer", dependencies: [
            "LecternIndex", "LecternEmbedding", "LecternJSON",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .executableTarget(name: "lectern-query", dependencies: [
            "LecternIndex", "LecternEmbedding", "LecternJSON", "LecternServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lectern-bench", dependencies: [
            "LecternEmbedding", "LecternBuild", "LecternIndex", "LecternJSON", "LecternReports", "LecternStore", "LecternFAQ",
        ]),
        .testTarget(name: "LecternEmbeddingTests", dependencies: ["LecternEmbedding"]),
        .testTarget(name: "LecternContentTests", dependencies: ["LecternContent"]),
        .testTarget(name: "LecternIndexTests", dependencies: ["LecternIndex", "CInt8Kernels", "CMatrixKernels"]),
        .testTarget(name: "LecternChunkingTests", dependencies: ["LecternChunking"]),
        .testTarget(name: "LecternJSONTests", dependencies: ["LecternJSON"]),
        .testTarget(name: "LecternStoreTests", dependencies: ["LecternStore"]),
        .testTarget(name: "LecternReportsTests", dependencies: ["LecternReports", "LecternStore"]),
        .testTarget(name: "LecternFAQTests", dependencies: ["LecternFAQ", "LecternEmbedding", "LecternStore", "LecternRedaction"]),
        .testTarget(name: "LecternGuardrailsTests", dependencies: ["LecternGuardrails", "LecternContent"],
                    exclude: ["Corpus"]),
        // Also runs the built `lectern`; the dependency makes `swift test` build it first.
        .testTarget(name: "LecternSourcesTests", dependencies: [
            "lectern", "LecternSources", "LecternBuild", "LecternStore", "LecternIndex", "CZlib",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .testTarget(name: "LecternBuildTests", dependencies: ["LecternBuild", "LecternChunking", "LecternIndex", "LecternStore"]),
        // Runs the built `lectern` binary; the dependency makes `swift test` build it first.
        .testTarget(name: "LecternCLITests", dependencies: ["lectern", "lectern-query"], exclude: ["clients"]),
    ],
    swiftLanguageModes: [.v6]
)
