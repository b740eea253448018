// bench-stream-memory: peak memory of `tagkit tag` over generated streams of growing size.
//
//   swift run -c release --package-path Benchmarks bench-stream-memory [--sizes 16,128,1024] [--model M]
//
// Builds the release `tagkit` of the root package, then for each size (MB) pipes that many bytes of
// CoNLL text (whole copies of the shipped Wikigold training file, each ending with a blank line) into
// `tagkit tag --model M -`, discarding the output, and reads the child's peak resident set size from
// `wait4`'s resource usage. Streaming tagging must keep that peak flat whatever the input size; the
// last column prints its growth over the smallest input.
import BenchmarkSupport
import Foundation
import Glibc

struct StreamMemoryBenchmark {
    var sizesInMegabytes = [16, 128, 1024]
    var model = Peer.projectRoot.appendingPathComponent("models/en-ner.tagkit").path

    /// One child run: bytes piped in, its peak RSS and its wall-clock seconds.
    struct Run {
        var bytes: Int
        var tokens: Int
        var peakResidentBytes: Int
        var seconds: Double
    }

    func run() throws {
        let tagkit = try Self.buildTagkit()
        var chunk = try Data(contentsOf: Peer.projectRoot.appendingPathComponent("corpora/wikigold/train.txt"))
        while chunk.last == 0x0A { chunk.removeLast() }
        chunk.append(contentsOf: [0x0A, 0x0A])
        emit("== tagkit tag --model \(URL(fileURLWithPath: model).lastPathComponent) over repeated corpora/wikigold/train.txt (\(chunk.count) bytes per copy)")
        emit("| input MB | tokens | seconds | tokens/s | peak RSS MB | growth over the first |")
        emit("| ---: | ---: | ---: | ---: | ---: | ---: |")
        var first: Run?
        for megabytes in sizesInMegabytes {
            let result = try Self.tag(tagkit: tagkit, model: model, chunk: chunk, bytes: megabytes << 20)
            let base = first ?? result
            first = base
            emit(String(format: "| %.0f | %d | %.1f | %.0f | %.1f | %+.1f MB |", Double(result.bytes) / 1_048_576, result.tokens, result.seconds,
                         Double(result.tokens) / result.seconds, Double(result.peakResidentBytes) / 1_048_576,
                         Double(result.peakResidentBytes - base.peakResidentBytes) / 1_048_576))
        }
    }

    /// `swift build -c release --product tagkit` in the root package; returns the binary's path.
    static func buildTagkit() throws -> String {
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "-c", "release", "--product", "tagkit", "--package-path", Peer.projectRoot.path]
        try build.run()
        build.waitUntilExit()
        guard build.terminationStatus == 0 else { throw BenchmarkError("swift build of tagkit failed") }
        return Peer.projectRoot.appendingPathComponent(".build/release/tagkit").path
    }

    /// Spawns `tagkit tag`, writes `bytes / chunk.count` whole copies of `chunk` into its standard
    /// input, and waits for it.
    static func tag(tagkit: String, model: String, chunk: Data, bytes: Int) throws -> Run {
        var input: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { throw BenchmarkError("pipe failed") }
        let devNull = open("/dev/null", O_WRONLY)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_addclose(&actions, input[1])
        let arguments = [tagkit, "tag", "--model", model, "--threads", "1", "-"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Measure.now()
        let status = posix_spawn(&pid, tagkit, &actions, nil, &argv, environ)
        close(input[0])
        close(devNull)
        guard status == 0 else { throw BenchmarkError("posix_spawn \(tagkit) failed: \(status)") }

        let copyTokens = chunk.split(separator: 0x0A, omittingEmptySubsequences: true).count
        let copies = max(1, bytes / chunk.count)
        try chunk.withUnsafeBytes { raw in
            for _ in 0..<copies {
                var offset = 0
                while offset < raw.count {
                    let result = write(input[1], raw.baseAddress! + offset, raw.count - offset)
                    guard result > 0 else { throw BenchmarkError("writing to tagkit failed: errno \(errno)") }
                    offset += result
                }
            }
        }
        close(input[1])

        var usage = rusage()
        var exitStatus: Int32 = 0
        guard wait4(pid, &exitStatus, 0, &usage) == pid else { throw BenchmarkError("wait4 failed") }
        let seconds = Measure.now() - start
        guard exitStatus == 0 else { throw BenchmarkError("tagkit tag exited with status \(exitStatus)") }
        return Run(bytes: copies * chunk.count, tokens: copies * copyTokens, peakResidentBytes: usage.ru_maxrss * 1024, seconds: seconds)
    }
}

var benchmark = StreamMemoryBenchmark()
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--sizes":
        benchmark.sizesInMegabytes = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--model":
        benchmark.model = arguments.popFirst() ?? benchmark.model
    default:
        FileHandle.standardError.write(Data("usage: bench-stream-memory [--sizes 16,128,1024] [--model FILE]\n".utf8))
        exit(2)
    }
}
do {
    try benchmark.run()
} catch {
    FileHandle.standardError.write(Data("bench-stream-memory: \(error)\n".utf8))
    exit(1)
}

/// A step of the benchmark that failed.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard output at once, so progress shows when the output is a pipe.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
