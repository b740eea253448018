// Sequence-tagger speed and accuracy against the PyTorch R1 peer, in the same run.
//
//   swift run -c release --package-path Benchmarks bench-tagger [--epochs N] [--threads N]
//       [--train F --dev F --test F] [--embeddings F] [--seeds N] [--skip-peer]
//
// Defaults: CoNLL-2002 Spanish from ../shared/data (research use: measured here, never shipped),
// GloVe 6B 50d (first 100k words), R1 architecture and recipe, 2 threads, 3 epochs, seed 1.
// `--seeds N` trains both TagKit and the peer with seeds 1…N and prints each seed's test F1 (of the
// best dev epoch) and their mean ± sample standard deviation; speeds are the best-dev seed's (TagKit)
// and the median over seeds (PyTorch).
import BenchmarkSupport
import Foundation
import TagKit

struct Options {
    var train = Peer.shared.appendingPathComponent("data/ner/conll2002-es/train.txt").path
    var dev = Peer.shared.appendingPathComponent("data/ner/conll2002-es/dev.txt").path
    var test = Peer.shared.appendingPathComponent("data/ner/conll2002-es/test.txt").path
    var embeddings: String? = Peer.shared.appendingPathComponent("data/embeddings/glove.6B.50d.100k.txt").path
    var epochs = 3
    var threads = 2
    var seeds = 1
    var runPeer = true

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--train": train = iterator.next()!
            case "--dev": dev = iterator.next()!
            case "--test": test = iterator.next()!
            case "--embeddings": embeddings = iterator.next()!
            case "--no-embeddings": embeddings = nil
            case "--epochs": epochs = Int(iterator.next()!)!
            case "--threads": threads = Int(iterator.next()!)!
            case "--seeds": seeds = Int(iterator.next()!)!
            case "--skip-peer": runPeer = false
            default: fatalError("unknown option \(argument)")
            }
        }
    }
}

let options = Options(arguments: CommandLine.arguments)
Gemm.threadCount = options.threads
let output = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tagger-\(getpid()).tagkit").path
var request = TaggerTrainingRequest(train: [options.train], task: .ner, output: output)
request.dev = options.dev
request.test = options.test
request.embeddings = options.embeddings
request.pretrainedVocabulary = Int.max
request.training.epochs = options.epochs
request.training.seed = 1
request.seedCount = options.seeds

/// `mean ± sd` of `values` (sample standard deviation), two decimals.
func meanAndDeviation(_ values: [Double]) -> String {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.count > 1
        ? values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1) : 0
    return "\(printfFixed(mean)) ± \(printfFixed(variance.squareRoot()))"
}

let start = Measure.now()
let result = try TaggerTraining.run(request, log: { print("tagkit: " + $0) })
let total = Measure.now() - start
let speeds = result.history.map(\.tokensPerSecond).sorted()
let trainSpeed = speeds[speeds.count / 2]
let tagSpeed = result.test?.wordsPerSecond ?? 0
let testF1 = result.test?.spans?.overall.f1 ?? 0
print("tagkit: train \(Int(trainSpeed)) tok/s (median epoch), tag \(Int(tagSpeed)) tok/s, test F1 \(printfFixed(testF1)), total \(Int(total)) s")
let tagkitF1s = result.runs.compactMap(\.test)
if options.seeds > 1 {
    for run in result.runs {
        print("tagkit: seed \(run.seed) dev F1 \(printfFixed(run.dev ?? 0)) test F1 \(printfFixed(run.test ?? 0))")
    }
    print("tagkit: test F1 over \(options.seeds) seeds \(meanAndDeviation(tagkitF1s))")
}
try? FileManager.default.removeItem(atPath: output)

guard options.runPeer else { exit(0) }
var peerTrainSpeeds: [Double] = []
var peerTagSpeeds: [Double] = []
var peerF1s: [Double] = []
for seed in 1...options.seeds {
    let json = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tagger-peer-\(getpid()).json").path
    var peerArguments = ["--train", options.train, "--dev", options.dev, "--test", options.test, "--seed", String(seed),
                         "--epochs", String(options.epochs), "--threads", String(options.threads), "--json-out", json]
    if let embeddings = options.embeddings { peerArguments += ["--embeddings", embeddings] }
    _ = try Peer.run(script: "torch_bilstm_crf.py", peerArguments)
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    try? FileManager.default.removeItem(atPath: json)
    let peerTest = (summary["final"] as? [String: Any])?["test"] as? [String: Any]
    let f1 = peerTest?["f1"] as? Double ?? 0
    peerTrainSpeeds.append(summary["median_train_tok_per_s"] as? Double ?? 0)
    peerTagSpeeds.append(peerTest?["tok_per_s"] as? Double ?? 0)
    peerF1s.append(f1 * (f1 <= 1 ? 100 : 1))
    if options.seeds > 1 { print("pytorch: seed \(seed) test F1 \(printfFixed(peerF1s.last!))") }
}
let peerTrain = peerTrainSpeeds.sorted()[peerTrainSpeeds.count / 2]
let peerTag = peerTagSpeeds.sorted()[peerTagSpeeds.count / 2]
print("pytorch: train \(Int(peerTrain)) tok/s, tag \(Int(peerTag)) tok/s, test F1 \(printfFixed(peerF1s[0]))")
if options.seeds > 1 { print("pytorch: test F1 over \(options.seeds) seeds \(meanAndDeviation(peerF1s))") }
print("ratio (tagkit / pytorch): train \(printfFixed(trainSpeed / peerTrain))×, tag \(printfFixed(tagSpeed / peerTag))×")
