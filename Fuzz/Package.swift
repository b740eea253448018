// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, one per reader, in their own package so the main build and `swift test` stay
// light. Each target exports `LLVMFuzzerTestOneInput` and is built with
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
// (see `Fuzz/run-all`, which also seeds and runs them).
let fuzzTargets = [
    "fuzz-conll", "fuzz-conllu", "fuzz-iob2",
    "fuzz-word2vec-text", "fuzz-word2vec-binary", "fuzz-glove",
    "fuzz-tokenizer", "fuzz-tagger-model", "fuzz-classifier-model", "fuzz-classify-tsv",
]

let package = Package(
    name: "TagKitFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TagKit", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "TagKit", package: "TagKit")]),
    ] + fuzzTargets.map { name in
        // libFuzzer supplies `main`; the Swift code must not.
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "TagKit", package: "TagKit")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
