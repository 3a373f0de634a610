// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Lectern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lectern", targets: ["lectern"]),
        .library(name: "LecternEmbedding", targets: ["LecternEmbedding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "LecternEmbedding", dependencies: ["COpenBLAS"]),
        .target(name: "LecternContent", dependencies: ["CCmarkGFM", "CLibXML2", "CZlib"]),
        .target(name: "LecternIndex"),
        .executableTarget(name: "lectern", dependencies: [
            "LecternEmbedding",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lectern-bench", dependencies: ["LecternEmbedding"]),
        .testTarget(name: "LecternEmbeddingTests", dependencies: ["LecternEmbedding"]),
        .testTarget(name: "LecternContentTests", dependencies: ["LecternContent"]),
        .testTarget(name: "LecternIndexTests", dependencies: ["LecternIndex"]),
        // Runs the built `lectern` binary; the dependency makes `swift test` build it first.
        .testTarget(name: "LecternCLITests", dependencies: ["lectern"]),
    ],
    swiftLanguageModes: [.v6]
)
