// bench-lstm: TagKit's fused BiLSTM and CRF against PyTorch, measured in the same run.
//
//   swift run -c release --package-path Benchmarks bench-lstm [--threads 2] [--repeats 30] [--inner 5] [--warmup 10]
//
// Shapes follow ../shared/peers/lstm_bench.py: a 1-layer BiLSTM 80 → 2×100 over batches of 10 and 32
// sentences whose lengths are drawn by the peer's own seeded generator (mean 25, sd 12.5), and the
// R1 CRF (9 tags) NLL and Viterbi on the same batches. Tokens/s counts real tokens only; GFLOP/s
// counts the gate products only, as the peer does (backward = 2× forward). TagKit is measured twice:
// with glibc's default allocator settings, then after `HeapRetention.keepFreedMemory()`.
import BenchmarkSupport
import Foundation
import TagKit

struct Options {
    var threads = 2
    var warmup = 10
    var repeats = 30
    var inner = 5

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init) else { fatalError("\(flag) needs an integer") }
            switch flag {
            case "--threads": threads = value
            case "--warmup": warmup = value
            case "--repeats": repeats = value
            case "--inner": inner = value
            default: fatalError("unknown option \(flag)")
            }
        }
    }

    /// Median seconds per call of `body`, timed as the peer times (repeats of `inner` calls).
    func time(_ body: () -> Void) -> Double {
        Measure.median(warmup: warmup, repeats: repeats) { for _ in 0..<inner { body() } } / Double(inner)
    }
}

/// The peer's `draw_lengths(batch, mean, 0.5, seed 1)`, run by the peer's own Python and torch so that
/// both sides see the same batch.
func peerLengths(batch: Int, mean: Int) throws -> [Int] {
    let code = """
    import torch
    g = torch.Generator().manual_seed(1)
    x = torch.randn(\(batch), generator=g) * (0.5 * \(mean)) + \(mean)
    print(' '.join(str(v) for v in x.round().clamp(1, 3 * \(mean)).long().tolist()))
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Peer.python)
    process.arguments = ["-c", code]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lengths = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    guard process.terminationStatus == 0, lengths.count == batch else {
        throw BenchmarkFailure(description: "could not draw the peer's lengths")
    }
    return lengths
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

/// The peer's JSON rows.
func peerRows(_ arguments: [String]) throws -> [[String: Any]] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-lstm-\(getpid()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    _ = try Peer.run(script: "lstm_bench.py", arguments + ["--json-out", file.path])
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    return json?["results"] as? [[String: Any]] ?? []
}

/// GFLOP/s of a 1024³ sgemm with the current BLAS threads: the ceiling the recurrent products are compared with.
func sgemmCeiling(_ options: Options) -> Double {
    let n = 1024
    let a = [Float](repeating: 0.5, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    let seconds = Measure.median(warmup: 2, repeats: 7) {
        a.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                Gemm.multiply(m: n, n: n, k: n, a.baseAddress!, lda: n, a.baseAddress!, ldb: n, transposeB: true,
                              into: c.baseAddress!, ldc: n)
            }
        }
    }
    return 2 * Double(n * n * n) / seconds / 1e9
}

struct Row {
    var name: String
    /// Whether freed heap memory was kept (`HeapRetention.keepFreedMemory()`) during the measurement.
    var heapKept = false
    var batch: Int
    var kind: String
    var tokens: Int
    var seconds: Double
    var flops: Double?
}

func benchBiLSTM(batch: Int, lengths: [Int], options: Options) -> [Row] {
    let (inputSize, hiddenSize) = (80, 100)
    let time = lengths.max()!
    let tokens = lengths.reduce(0, +)
    var generator = SeededGenerator(seed: 1)
    let encoder = Bidirectional<LSTM>(inputSize: inputSize, hiddenSize: hiddenSize, generator: &generator)
    let input = Tensor.normal([batch, time, inputSize], using: &generator)
    let readout = Tensor.normal([batch, time, 2 * hiddenSize], using: &generator)
    let train = options.time {
        for parameter in encoder.parameters { parameter.zeroGradient() }
        let tape = Tape()
        let x = tape.variable(input)
        tape.backward((encoder.encode(x, lengths: lengths) * tape.constant(readout)).sum())
    }
    let infer = options.time {
        let tape = Tape(training: false)
        _ = encoder.encode(tape.constant(input), lengths: lengths)
    }
    // Gate products per token and direction: 2 · 4H · (in + H); two directions; backward 2× forward.
    let forwardFlops = Double(2 * 4 * hiddenSize * (inputSize + hiddenSize) * 2 * tokens)
    return [Row(name: "bilstm", batch: batch, kind: "train", tokens: tokens, seconds: train, flops: 3 * forwardFlops),
            Row(name: "bilstm", batch: batch, kind: "infer", tokens: tokens, seconds: infer, flops: forwardFlops)]
}

func benchCRF(batch: Int, lengths: [Int], options: Options) -> [Row] {
    let tagCount = 9
    let time = lengths.max()!
    let tokens = lengths.reduce(0, +)
    var generator = SeededGenerator(seed: 2)
    let crf = CRF(tagCount: tagCount, generator: &generator)
    let emissions = Tensor.normal([batch, time, tagCount], using: &generator)
    let tags = (0..<batch * time).map { _ in generator.nextIndex(below: tagCount) }
    let train = options.time {
        for parameter in crf.parameters { parameter.zeroGradient() }
        let tape = Tape()
        tape.backward(crf.negativeLogLikelihood(tape.variable(emissions), tags: tags, lengths: lengths).mean())
    }
    let infer = options.time {
        let tape = Tape(training: false)
        _ = crf.negativeLogLikelihood(tape.constant(emissions), tags: tags, lengths: lengths)
    }
    let viterbi = options.time { _ = crf.decode(emissions, lengths: lengths) }
    return [Row(name: "crf_nll", batch: batch, kind: "train", tokens: tokens, seconds: train),
            Row(name: "crf_nll", batch: batch, kind: "infer", tokens: tokens, seconds: infer),
            Row(name: "viterbi", batch: batch, kind: "infer", tokens: tokens, seconds: viterbi)]
}

func run() throws {
    let options = Options(CommandLine.arguments)
    Gemm.threadCount = options.threads
    let batches = [10, 32]
    var lengthsByBatch: [Int: [Int]] = [:]
    for batch in batches { lengthsByBatch[batch] = try peerLengths(batch: batch, mean: 25) }
    let ceiling = sgemmCeiling(options)
    print("TagKit bench-lstm: \(options.threads) BLAS thread(s), OpenBLAS kernels \(Gemm.kernelName), sgemm 1024³ ceiling \(String(format: "%.0f", ceiling)) GFLOP/s, "
          + "load average at start \(loadAverage())")

    // TagKit and the peer alternate shape by shape, so that both see the machine in the same state.
    let timing = ["--threads", "\(options.threads)", "--warmup", "\(options.warmup)",
                  "--repeats", "\(options.repeats)", "--inner", "\(options.inner)"]
    var rows: [Row] = []
    var peer: [String: Double] = [:]  // "name/batch/kind" → tokens/s
    var peerTokens: [String: Int] = [:]
    for batch in batches {
        let lengths = lengthsByBatch[batch]!
        rows += benchBiLSTM(batch: batch, lengths: lengths, options: options)
        for row in try peerRows(["--shapes", "80:100:\(batch):25", "--cells", "lstm", "--variants", "packed"] + timing) {
            let key = "bilstm/\(batch)/\(row["kind"] as! String)"
            peer[key] = row["tok_per_s"] as? Double
            peerTokens[key] = row["tokens"] as? Int
        }
        rows += benchCRF(batch: batch, lengths: lengths, options: options)
        for row in try peerRows(["--mode", "parts", "--batch", "\(batch)", "--seqlen", "25", "--parts", "crf_nll,viterbi"] + timing) {
            let key = "\(row["part"] as! String)/\(batch)/\(row["kind"] as! String)"
            peer[key] = row["tok_per_s"] as? Double
            peerTokens[key] = row["tokens"] as? Int
        }
    }
    // The same again with glibc keeping freed memory (it cannot be switched back within a process).
    HeapRetention.keepFreedMemory()
    for batch in batches {
        let lengths = lengthsByBatch[batch]!
        for var row in benchBiLSTM(batch: batch, lengths: lengths, options: options) + benchCRF(batch: batch, lengths: lengths, options: options) {
            row.heapKept = true
            rows.append(row)
        }
    }

    print("")
    print("| part | batch | kind | heap | tokens | TagKit ms | TagKit tok/s | PyTorch tok/s | ratio | TagKit GFLOP/s | share of sgemm |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows {
        let key = "\(row.name)/\(row.batch)/\(row.kind)"
        let ours = Double(row.tokens) / row.seconds
        let theirs = peer[key]
        precondition(peerTokens[key] == nil || peerTokens[key] == row.tokens, "the peer ran a different batch for \(key)")
        let ratio = theirs.map { String(format: "%.2f×", ours / $0) } ?? "–"
        let gflops = row.flops.map { $0 / row.seconds / 1e9 }
        print("| \(row.name) | \(row.batch) | \(row.kind) | \(row.heapKept ? "kept" : "default") | \(row.tokens) | \(String(format: "%.3f", row.seconds * 1e3)) | "
              + "\(String(format: "%.0f", ours)) | \(theirs.map { String(format: "%.0f", $0) } ?? "–") | \(ratio) | "
              + "\(gflops.map { String(format: "%.1f", $0) } ?? "–") | "
              + "\(gflops.map { String(format: "%.0f%%", 100 * $0 / ceiling) } ?? "–") |")
    }
    print("load average at end \(loadAverage())")
}

/// The 1-minute load average (`/proc/loadavg`), to show how busy the machine was.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

do {
    try run()
} catch {
    FileHandle.standardError.write("bench-lstm: \(error)\n".data(using: .utf8)!)
    exit(1)
}
