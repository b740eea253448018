// bench-eval: span-F1 evaluation speed of TagKit against seqeval and seqeval_lite, same run.
//
//   swift run -c release --package-path Benchmarks bench-eval [--repeat N]
//
// Builds a ~2.5M-line conlleval file by repeating ../shared/data/eval-golden/real_es_test.txt
// (48 times by default) in a temporary directory, times TagKit's evaluator as a library call
// (conlleval, strict IOB2 and seqeval-default modes) and as the `tagkit eval` process end to end,
// then runs the peer script `eval_speed.py` on the same file and prints tokens/s and ratios.
// conlleval.pl itself is not available on this machine, so it is not timed.
import BenchmarkSupport
import Foundation
import TagKit

struct EvalBenchmark {
    var repeats = 48

    func run() throws {
        let source = Peer.shared.appendingPathComponent("data/eval-golden/real_es_test.txt")
        var text = try Data(contentsOf: source)
        // As eval_speed.py does: the file must end with a blank line so copies do not run together.
        while text.last == 0x0A { text.removeLast() }
        text.append(contentsOf: [0x0A, 0x0A])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tagkit-bench-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.txt")
        var bigText = Data(capacity: text.count * repeats)
        for _ in 0 ..< repeats { bigText.append(text) }
        try bigText.write(to: big)
        let lines = bigText.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        print("== input: real_es_test.txt x\(repeats): \(lines) lines, \(String(format: "%.1f", Double(bigText.count) / 1e6)) MB")

        var tokens = 0
        var results: [(String, Double)] = []
        for (name, mode) in [("conlleval", EvaluationMode.conlleval), ("strict IOB2", .strict(.iob2)),
                             ("seqeval-default", .seqevalDefault)] {
            var f1 = 0.0
            var cpuTimes: [Double] = []
            let seconds = try Measure.median(warmup: 1, repeats: 7) {
                let cpuStart = Self.processCPUSeconds()
                let evaluation = try Evaluation(EvaluationRequest(input: .conlleval(path: big.path), mode: mode))
                cpuTimes.append(Self.processCPUSeconds() - cpuStart)
                tokens = evaluation.counts.tokens
                f1 = evaluation.scoreRows().overall.f1
            }
            let cpu = cpuTimes.dropFirst().sorted()[(cpuTimes.count - 1) / 2]
            results.append(("TagKit library, \(name)", seconds))
            print(String(format: "  TagKit library (%@)%@ %.3fs  %6.1fM lines/s  %6.1fM tok/s  (CPU %.3fs: %5.1fM lines/s)  F1 %.4f", name,
                         String(repeating: " ", count: max(0, 16 - name.count)), seconds,
                         Double(lines) / seconds / 1e6, Double(tokens) / seconds / 1e6, cpu, Double(lines) / cpu / 1e6, f1))
        }
        let executable = try tagkitExecutable()
        var processOutput = Data()
        let processSeconds = try Measure.median(warmup: 1, repeats: 5) {
            processOutput = try runProcess(executable, ["eval", big.path])
        }
        results.append(("tagkit eval process", processSeconds))
        print(String(format: "  tagkit eval (whole process)        %.3fs  %6.1fM lines/s  %6.1fM tok/s", processSeconds,
                     Double(lines) / processSeconds / 1e6, Double(tokens) / processSeconds / 1e6))
        print("  " + (String(decoding: processOutput, as: UTF8.self).split(separator: "\n").prefix(2).joined(separator: "\n  ")))

        print("== peer: eval_speed.py (seqeval 1.2.2, seqeval_lite), same file")
        let peerOutput = try Peer.run(script: "eval_speed.py", [source.path, "--repeat", "\(repeats)",
                                                               "--big-out", directory.appendingPathComponent("peer-big.txt").path])
        var peers: [(String, Double)] = []
        for line in peerOutput.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let match = trimmed.range(of: #"([0-9.]+)s\s+([0-9]+) tok/s"#, options: .regularExpression) else { continue }
            let fields = trimmed[match].split(whereSeparator: { $0 == " " })
            guard let rate = Double(fields[1]) else { continue }
            let name = String(trimmed[..<match.lowerBound]).trimmingCharacters(in: .whitespaces)
            peers.append((name, rate))
            print("  \(trimmed)")
        }
        guard !peers.isEmpty else { throw BenchmarkError(description: "eval_speed.py printed no timings:\n\(peerOutput)") }

        print("== ratios (TagKit tokens/s over peer tokens/s; the peer's times exclude reading the file, TagKit's include it)")
        for (ours, seconds) in results {
            let rate = Double(tokens) / seconds
            let cells = peers.map { String(format: "%.0fx %@", rate / $0.1, $0.0) }
            print("  \(ours): " + cells.joined(separator: "; "))
        }
        print("  conlleval.pl: not timed (the script is not available on this machine)")
    }

    /// CPU seconds this process has used: unlike wall time, not inflated when other jobs share the cores.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// `tagkit` built in release mode beside the benchmarks' package root (built first if missing).
    private func tagkitExecutable() throws -> URL {
        let executable = Peer.projectRoot.appendingPathComponent(".build/release/tagkit")
        _ = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                           ["swift", "build", "-c", "release", "--product", "tagkit", "--package-path", Peer.projectRoot.path])
        return executable
    }

    private func runProcess(_ executable: URL, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return data
    }
}

/// A step of the benchmark that failed.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

var benchmark = EvalBenchmark()
let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count, let count = Int(arguments[index + 1]) {
    benchmark.repeats = count
}
do {
    try benchmark.run()
} catch {
    FileHandle.standardError.write(Data("bench-eval: \(error)\n".utf8))
    exit(1)
}
