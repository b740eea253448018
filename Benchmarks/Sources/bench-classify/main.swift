// bench-classify: text classifiers on MR and TREC (coarse), TagKit against the PyTorch Kim CNN peer
// (`../shared/peers/torch_kim_cnn.py`) with the same settings, in the same run.
//
//   swift run -c release --package-path Benchmarks bench-classify [--epochs N] [--peer-epochs N]
//       [--threads N] [NAME ...]
//
// For each configuration (all, or those NAMEd, e.g. mr-cnn-rand), TagKit trains for `--epochs`
// (default 10; bags 10) holding out 10 % of train as dev (seeded), keeps the best dev epoch and
// reports its test accuracy and the median training sentences/s (forward, backward, update). The
// peer then runs the same configuration for `--peer-epochs` (default 2: enough for its speed, which
// is what is compared) and its median training sentences/s and test accuracy at its best dev epoch
// are printed beside TagKit's. Both use `--threads` BLAS/torch threads (default 1).
// Settings follow Kim (2014): widths 3,4,5 × 100, dropout 0.5, max-norm 3, Adadelta (lr 1, ρ 0.95),
// batches of 50; `rand` vectors are 300-d U(−0.25, 0.25); static / non-static use GloVe 6B 50d.
// The bag models use Adam (lr 1e-3) and non-static GloVe, as the peer README's example.
import BenchmarkSupport
import Foundation
import TagKit

struct Configuration {
    var name: String
    var dataset: String
    var labelColumn: Int
    var textColumn: Int
    var model: TextClassifierConfiguration.ModelType
    var mode: TextClassifierConfiguration.EmbeddingMode
    var pooling: SequencePooling = .mean
    var optimizer: TrainingConfiguration.OptimizerKind = .adadelta
}

struct ClassifyBenchmark {
    var epochs = 10
    var peerEpochs = 2
    var threads = 1
    var selected: Set<String> = []

    static let glove = Peer.shared.appendingPathComponent("data/embeddings/glove.6B.50d.100k.txt").path

    var configurations: [Configuration] {
        var all: [Configuration] = []
        for (dataset, label, text) in [("mr", 0, 1), ("trec", 0, 2)] {
            for mode in [TextClassifierConfiguration.EmbeddingMode.rand, .static, .nonStatic] {
                all.append(Configuration(name: "\(dataset)-cnn-\(mode.rawValue)", dataset: dataset, labelColumn: label,
                                         textColumn: text, model: .cnn, mode: mode))
            }
            for pooling in [SequencePooling.mean, .max] {
                all.append(Configuration(name: "\(dataset)-bag-\(pooling.rawValue)", dataset: dataset, labelColumn: label,
                                         textColumn: text, model: .bag, mode: .nonStatic, pooling: pooling, optimizer: .adam))
            }
        }
        return all.filter { selected.isEmpty || selected.contains($0.name) }
    }

    func run() throws {
        Gemm.threadCount = threads
        HeapRetention.keepFreedMemory()
        emit("| configuration | TagKit test acc. | TagKit train sent/s | peer train sent/s | speed ratio | peer test acc. (\(peerEpochs) ep.) |")
        emit("|---|---|---|---|---|---|")
        for configuration in configurations {
            let ours = try trainTagKit(configuration)
            let peer = try trainPeer(configuration)
            let ratio = ours.speed / peer.speed
            emit("| \(configuration.name) | \(String(format: "%.2f", 100 * ours.accuracy)) (best dev epoch \(ours.epoch)/\(epochs)) "
                  + "| \(Int(ours.speed)) | \(Int(peer.speed)) | \(String(format: "%.1f", ratio))× | \(String(format: "%.2f", peer.accuracy)) |")
        }
    }

    private func data(_ configuration: Configuration, _ split: String) -> String {
        Peer.shared.appendingPathComponent("data/classify/\(configuration.dataset)/\(split).tsv").path
    }

    private func trainTagKit(_ configuration: Configuration) throws -> (accuracy: Double, speed: Double, epoch: Int) {
        var job = TextClassifierTraining(trainPath: data(configuration, "train"))
        job.testPath = data(configuration, "test")
        job.reader = LabeledTextReader(labelColumn: configuration.labelColumn, textColumn: configuration.textColumn)
        job.configuration.modelType = configuration.model
        job.configuration.embeddingMode = configuration.mode
        job.configuration.pooling = configuration.pooling
        job.configuration.tokenization = .whitespace
        if configuration.mode != .rand { job.embeddingsPath = Self.glove }
        job.training = .textClassifierDefaults
        job.training.epochs = epochs
        job.training.optimizer = configuration.optimizer
        if configuration.optimizer == .adam { job.training.learningRate = 1e-3 }
        let outcome = try job.run(log: { FileHandle.standardError.write(Data("  [\(configuration.name)] \($0)\n".utf8)) })
        let run = outcome.runs[outcome.bestRun]
        let epoch = run.history.last(where: \.isBest)?.epoch ?? 0
        return (run.testAccuracy ?? 0, run.sentencesPerSecond, epoch)
    }

    private func trainPeer(_ configuration: Configuration) throws -> (accuracy: Double, speed: Double) {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("tagkit-bench-classify-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        var arguments = ["--train", data(configuration, "train"), "--test", data(configuration, "test"),
                         "--label-col", String(configuration.labelColumn), "--text-col", String(configuration.textColumn),
                         "--model", configuration.model == .cnn ? "cnn" : "boe", "--mode", configuration.mode.rawValue,
                         "--epochs", String(peerEpochs), "--threads", String(threads), "--json-out", json.path,
                         "--optimizer", configuration.optimizer.rawValue]
        if configuration.mode != .rand { arguments += ["--embeddings", Self.glove] }
        if configuration.model == .bag { arguments += ["--pool", configuration.pooling.rawValue] }
        let log = try Peer.run(script: "torch_kim_cnn.py", arguments)
        FileHandle.standardError.write(Data(log.split(separator: "\n").map { "  [\(configuration.name) peer] \($0)\n" }.joined().utf8))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any] ?? [:]
        return ((summary["test_acc_at_best_dev"] as? Double) ?? (summary["final_test_acc"] as? Double) ?? 0,
                (summary["median_train_sent_per_s"] as? Double) ?? .nan)
    }
}

/// Writes a line to standard output unbuffered, so rows appear as each configuration finishes.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func parseArguments() -> ClassifyBenchmark {
    var benchmark = ClassifyBenchmark()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--epochs": benchmark.epochs = Int(arguments.popFirst() ?? "") ?? benchmark.epochs
        case "--peer-epochs": benchmark.peerEpochs = Int(arguments.popFirst() ?? "") ?? benchmark.peerEpochs
        case "--threads": benchmark.threads = Int(arguments.popFirst() ?? "") ?? benchmark.threads
        default: benchmark.selected.insert(argument)
        }
    }
    return benchmark
}

do {
    try parseArguments().run()
} catch {
    FileHandle.standardError.write(Data("bench-classify: \(error)\n".utf8))
    exit(1)
}
