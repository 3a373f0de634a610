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
        .target(name: "LecternEmbedding", dependencies: ["COpenBLAS"]),
        .executableTarget(name: "lectern", dependencies: [
            "LecternEmbedding",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lectern-bench", dependencies: ["LecternEmbedding"]),
        .testTarget(name: "LecternEmbeddingTests", dependencies: ["LecternEmbedding"]),
        // Runs the built `lectern` binary; the dependency makes `swift test` build it first.
        .testTarget(name: "LecternCLITests", dependencies: ["lectern"]),
    ],
    swiftLanguageModes: [.v6]
)
