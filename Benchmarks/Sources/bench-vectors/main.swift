// Word-vector loading: TagKit against gensim's KeyedVectors.load_word2vec_format, same files, same run.
//
//   swift run -c release --package-path Benchmarks bench-vectors [MORE_GLOVE_FILES…]
//
// "TagKit CPU s" is the mean CPU time per load over all threads (less sensitive to other jobs than
// wall time). Files: the shared GloVe 100k×50 text, the same rows rewritten as word2vec text and
// word2vec binary (in a temporary directory), the shared navec 10k×300 word2vec text, and the shared
// EWT word2vec text and binary files. Files named on the command line (any format) are added.
// Load time is the median of 5 in-process loads (page cache warm);
// peak memory is measured in a fresh child process per file (VmHWM after the load minus before it),
// as gensim's is (ru_maxrss after minus after imports), and set against the matrix size.
import BenchmarkSupport
import Foundation
import TagKit

struct Case {
    var label: String
    var path: String
    /// load_vectors.py's kind: glove, w2v-txt or w2v-bin.
    var peerKind: String
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

struct ChildResult {
    var seconds: Double
    var peakDelta: Int
    var matrixBytes: Int
}

/// Child mode: load once and print `seconds peakDelta matrixBytes`.
func runChild(path: String) throws {
    let before = Measure.peakResidentBytes() ?? 0
    let start = Measure.now()
    let (vectors, _) = try WordVectors.load(contentsOf: path)
    let seconds = Measure.now() - start
    let after = Measure.peakResidentBytes() ?? 0
    print(seconds, after - before, vectors.matrixBytes)
}

func child(_ path: String) throws -> ChildResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = ["--child", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard process.terminationStatus == 0, fields.count == 3, let seconds = Double(fields[0]),
          let peak = Int(fields[1]), let matrix = Int(fields[2]) else {
        throw BenchmarkError(description: "child load of \(path) failed")
    }
    return ChildResult(seconds: seconds, peakDelta: peak, matrixBytes: matrix)
}

struct PeerResult {
    var seconds: Double
    var peakDeltaMB: Double
}

func peer(_ testCase: Case) throws -> PeerResult {
    let output = try Peer.run(script: "load_vectors.py", [testCase.peerKind, testCase.path, "3"])
    guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
          let best = json["best_seconds"] as? Double, let peak = json["peak_rss_mb"] as? Double,
          let base = json["peak_rss_mb_after_imports"] as? Double else {
        throw BenchmarkError(description: "unexpected load_vectors.py output: \(output)")
    }
    return PeerResult(seconds: best, peakDeltaMB: peak - base)
}

/// CPU seconds used by this process so far (all threads).
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

func main() throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "--child", arguments.count == 2 {
        try runChild(path: arguments[1])
        return
    }
    let embeddings = Peer.shared.appendingPathComponent("data/embeddings")
    let glove = embeddings.appendingPathComponent("glove.6B.50d.100k.txt").path
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-vectors-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let (gloveVectors, _) = try WordVectors.load(contentsOf: glove)
    var derived: [Case] = []
    for (format, name, kind) in [(VectorFormat.word2vecText, "glove100k.w2v.txt", "w2v-txt"),
                                 (.word2vecBinary, "glove100k.w2v.bin", "w2v-bin")] {
        let path = scratch.appendingPathComponent(name).path
        let output = try OutputFile(path: path)
        try gloveVectors.write(to: output, format: format)
        try output.commit()
        derived.append(Case(label: "GloVe 100k×50 as \(format.rawValue)", path: path, peerKind: kind))
    }
    var cases = [Case(label: "GloVe 100k×50 text", path: glove, peerKind: "glove")] + derived + [
        Case(label: "EWT word2vec text 6.7k×50", path: embeddings.appendingPathComponent("ewt.w2v.50d.txt").path, peerKind: "w2v-txt"),
        Case(label: "EWT word2vec binary 6.7k×50", path: embeddings.appendingPathComponent("ewt.w2v.50d.bin").path, peerKind: "w2v-bin"),
    ]
    cases.insert(Case(label: "navec ru 10k×300 (word2vec text)",
                      path: embeddings.appendingPathComponent("navec.ru.10k.txt").path, peerKind: "w2v-txt"), at: 3)
    for path in arguments {
        let (_, report) = try WordVectors.load(contentsOf: path, options: VectorLoadOptions(limit: 1))
        let kind = [VectorFormat.glove: "glove", .word2vecText: "w2v-txt", .word2vecBinary: "w2v-bin"][report.format]!
        cases.append(Case(label: URL(fileURLWithPath: path).lastPathComponent, path: path, peerKind: kind))
    }

    print("threads: \(VectorLoadOptions.onlineCores) (text parsing); machine shared with other jobs, so figures are noisy")
    print("| file | MB | TagKit s | TagKit MB/s | TagKit CPU s | gensim s | gensim MB/s | speed-up | TagKit peak / matrix | gensim peak / matrix |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for testCase in cases {
        let bytes = (try FileManager.default.attributesOfItem(atPath: testCase.path)[.size] as? Int) ?? 0
        let megabytes = Double(bytes) / 1e6
        let cpuBefore = processCPUSeconds()
        let seconds = try Measure.median(warmup: 1, repeats: 5) {
            _ = try WordVectors.load(contentsOf: testCase.path)
        }
        let cpuSeconds = (processCPUSeconds() - cpuBefore) / 6
        let memory = try child(testCase.path)
        let gensim = try peer(testCase)
        let matrixMB = Double(memory.matrixBytes) / 1e6
        print("| \(testCase.label) | \(fixed(megabytes, 1)) | \(fixed(seconds, 4)) | \(fixed(megabytes / seconds, 0)) | \(fixed(cpuSeconds, 4)) | "
              + "\(fixed(gensim.seconds, 4)) | \(fixed(megabytes / gensim.seconds, 0)) | \(fixed(gensim.seconds / seconds, 1))× | "
              + "\(fixed(Double(memory.peakDelta) / 1e6 / matrixMB, 2)) | \(fixed(gensim.peakDeltaMB / matrixMB, 2)) |")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("bench-vectors: \(error)\n".utf8))
    exit(1)
}
