// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so the main build and `swift test` stay light.
// Each benchmark is one executable; run one with
//   swift run -c release --package-path Benchmarks <name>
// and all of them with `Benchmarks/run-all`.
let package = Package(
    name: "TagKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TagKit", path: ".."),
    ],
    targets: [
        .target(name: "BenchmarkSupport"),
        .executableTarget(name: "bench-classify", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-eval", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-lstm", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-stream-memory", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-tagger", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-tokenizer", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "bench-vectors", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
        .executableTarget(name: "nn-mlp", dependencies: [
            "BenchmarkSupport", .product(name: "TagKit", package: "TagKit"),
        ]),
    ]
)
