// swift-tools-version:6.0
import PackageDescription

// Targets and the direction of their imports (docs/ARCHITECTURE in ../shared/docs/DESIGN.md):
// arrows point down only. TagKitText and TagKitEvaluation never see tensors; TagKitNN knows
// nothing of language; only the `tagkit` executable imports ArgumentParser.
let package = Package(
    name: "TagKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TagKit", targets: ["TagKit"]),
        .executable(name: "tagkit", targets: ["tagkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries: one C entry point each.
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CUTF8Proc", providers: [.apt(["libutf8proc-dev"])]),
        .systemLibrary(name: "CMalloc"),

        // Text: tokens, sentences, CoNLL / CoNLL-U, tag schemes, tokenizer. No tensors.
        .target(name: "TagKitText", dependencies: ["CUTF8Proc"]),

        // Evaluation: conlleval-exact span F1, seqeval strict/default modes. Text only, no tensors.
        .target(name: "TagKitEvaluation", dependencies: ["TagKitText"]),

        // Tensors and the one BLAS touch point.
        .target(name: "TagKitTensor", dependencies: ["CBLAS", "CMalloc"]),

        // Gradient tape, layers, optimizers, the lecture demos. Knows nothing of language.
        .target(name: "TagKitNN", dependencies: ["TagKitTensor"]),

        // Pretrained word vectors: word2vec / GloVe / fastText readers and writers, lookup, neighbours.
        .target(name: "TagKitEmbeddings", dependencies: ["TagKitText", "TagKitTensor"]),

        // Models: sequence taggers and text classifiers, their training and model files.
        .target(name: "TagKitModels", dependencies: ["TagKitText", "TagKitEvaluation", "TagKitTensor", "TagKitNN", "TagKitEmbeddings"]),

        // Umbrella: `import TagKit` gives the whole public API.
        .target(name: "TagKit", dependencies: [
            "TagKitText", "TagKitEvaluation", "TagKitTensor", "TagKitNN", "TagKitEmbeddings", "TagKitModels",
        ]),

        // The command line.
        .executableTarget(name: "tagkit", dependencies: [
            "TagKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests.
        .target(name: "TagKitTestSupport", dependencies: ["TagKitTensor"], path: "Tests/TagKitTestSupport"),
        .testTarget(name: "TagKitTextTests", dependencies: ["TagKitText", "TagKitTestSupport"]),
        .testTarget(name: "TagKitEvaluationTests", dependencies: ["TagKitEvaluation", "TagKitTestSupport"]),
        .testTarget(name: "TagKitTensorTests", dependencies: ["TagKitTensor", "TagKitTestSupport"]),
        .testTarget(name: "TagKitNNTests", dependencies: ["TagKitNN", "TagKitTestSupport"]),
        .testTarget(name: "TagKitModelsTests", dependencies: ["TagKitModels", "TagKitTestSupport"]),
        .testTarget(name: "TagKitEmbeddingsTests", dependencies: ["TagKitEmbeddings", "TagKitTestSupport"]),
        // Malformed/: bad input files and the exact error each gives, read by MalformedInputTests.
        .testTarget(name: "TagKitCLITests", dependencies: ["TagKitTestSupport"], exclude: ["Malformed"]),
    ]
)
