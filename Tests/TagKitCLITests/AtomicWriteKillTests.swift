#if os(Linux)
import Foundation
import Glibc
import Testing
import TagKitTestSupport

/// `SIGKILL` while a command writes its output: the output path holds its old content or the complete
/// new one, never a part. Writers put their bytes in a hidden temporary file beside the output
/// (`.NAME.tmp-XXXXXX`) and rename it over the output when complete; a kill can leave that temporary
/// file behind, but never under the output's name.
@Suite(.serialized) struct AtomicWriteKillTests {
    /// Reports the files created in a directory as they appear (Linux inotify), so a test can kill a
    /// writer the moment its temporary file exists.
    private final class CreationWatch {
        private let fd: Int32

        init(directory: URL) {
            fd = inotify_init1(Int32(IN_CLOEXEC))
            precondition(fd >= 0 && inotify_add_watch(fd, directory.path, UInt32(IN_CREATE)) >= 0, "inotify")
        }

        deinit { close(fd) }

        /// Waits up to `timeout` seconds for a file whose name starts with `prefix` to be created.
        func next(prefix: String, timeout: Double) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < deadline {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 50) > 0 else { continue }
                let count = read(fd, &buffer, buffer.count)
                var offset = 0
                while offset + 16 <= count {
                    let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                    let name = String(decoding: buffer[(offset + 16) ..< (offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                    if name.hasPrefix(prefix) { return name }
                    offset += 16 + length
                }
            }
            return nil
        }
    }

    private func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = TagKitProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Kills `process` with SIGKILL (if it still runs) and reaps it; returns whether the kill ended it.
    @discardableResult
    private func killHard(_ process: Process) -> Bool {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// The hidden temporary files left beside `name`.
    private func leftovers(of name: String, in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".\(name).tmp-") }
    }

    /// A slice of Wikigold train (the first `sentences` sentences), as a file in `directory`.
    private func trainingSlice(_ sentences: Int, in directory: URL) throws -> String {
        let text = try String(contentsOfFile: SharedData.package("corpora/wikigold/train.txt"), encoding: .utf8)
        let blocks = text.components(separatedBy: "\n\n").filter { !$0.hasPrefix("-DOCSTART-") }.prefix(sentences)
        let path = directory.appendingPathComponent("train.txt").path
        try Data((blocks.joined(separator: "\n\n") + "\n\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private let small = ["--word-dim", "16", "--char-dim", "8", "--char-size", "8", "--hidden-size", "24",
                         "--optimizer", "adam", "--learning-rate", "0.02", "--batch-size", "4"]

    @Test func trainKilledWhileSavingLeavesACompleteModel() throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try trainingSlice(20, in: directory)
        let first = try TagKitProcess.run(["train", "--task", "ner", "--train", train, "--dev", train, "--epochs", "1",
                                           "-o", "model.tagkit"] + small, currentDirectory: directory)
        #expect(first.status == 0, "\(first.stderr)")
        var previous = try Data(contentsOf: directory.appendingPathComponent("model.tagkit"))
        var killedAfterASaveBegan = 0
        // Kill the moment the temporary model file appears, then a little later (inside or after the save).
        for (attempt, delay) in [0, 0.002, 0.02].enumerated() {
            let watch = CreationWatch(directory: directory)
            let run = try start(["train", "--task", "ner", "--train", train, "--dev", train, "--epochs", "6",
                                 "--seed", "\(attempt + 2)", "-o", "model.tagkit"] + small, in: directory)
            let temporary = watch.next(prefix: ".model.tagkit.tmp-", timeout: 60)
            if delay > 0 { usleep(UInt32(delay * 1e6)) }
            let killed = killHard(run)
            if temporary != nil && killed { killedAfterASaveBegan += 1 }

            let now = try Data(contentsOf: directory.appendingPathComponent("model.tagkit"))
            if now != previous {
                let tagged = try TagKitProcess.run(["tag", "--model", "model.tagkit", train], currentDirectory: directory)
                #expect(tagged.status == 0, "a replaced model is complete: \(tagged.stderr)")
            }
            previous = now
            for leftover in try leftovers(of: "model.tagkit", in: directory) {
                // A partial model left by the kill is refused with an error naming it, never used.
                let loaded = try TagKitProcess.run(["tag", "--model", leftover, train], currentDirectory: directory)
                #expect(loaded.status == 0 || loaded.stderr.hasPrefix("Error: \(leftover): "), "\(loaded.stderr)")
                try FileManager.default.removeItem(at: directory.appendingPathComponent(leftover))
            }
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["train.txt", "model.tagkit"])
        }
        #expect(killedAfterASaveBegan == 3, "every kill came once a save had begun")
    }

    /// `tag -o` and `convert -o` killed once their temporary output holds data (64 KB, the first flush;
    /// convert also later): the output keeps its old bytes. (Tagging in a debug build writes about
    /// 50 KB/s, so `tag` is killed once.)
    @Test(arguments: ["tag", "convert"])
    func streamingOutputKilledMidStreamKeepsTheOldFile(command: String) throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try trainingSlice(30, in: directory)
        let sentences = try String(contentsOfFile: train, encoding: .utf8)
        try Data(String(repeating: sentences, count: 150).utf8).write(to: directory.appendingPathComponent("big.txt"))
        var arguments = ["convert", "big.txt", "-o", "out.txt"]
        if command == "tag" {
            let model = try TagKitProcess.run(["train", "--task", "ner", "--train", train, "--epochs", "1", "-o", "model.tagkit",
                                               "--word-dim", "4", "--char-features", "none", "--hidden-size", "4"],
                                              currentDirectory: directory)
            #expect(model.status == 0, "\(model.stderr)")
            arguments = ["tag", "--model", "model.tagkit", "big.txt", "-o", "out.txt"]
        }
        let old = Data("the old output, complete\n".utf8)
        let output = directory.appendingPathComponent("out.txt")
        for attempt in 0..<(command == "tag" ? 1 : 3) {
            try old.write(to: output)
            let watch = CreationWatch(directory: directory)
            let run = try start(arguments, in: directory)
            let temporary = try #require(watch.next(prefix: ".out.txt.tmp-", timeout: 60))
            let path = directory.appendingPathComponent(temporary).path
            var status = stat()
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, stat(path, &status) == 0, status.st_size < (1 << 16) * (attempt + 1) { usleep(500) }
            #expect(status.st_size > 0, "the kill comes mid-stream")
            #expect(killHard(run), "\(command) was still running")
            #expect(try Data(contentsOf: output) == old)
            #expect(try leftovers(of: "out.txt", in: directory) == [temporary])
            try FileManager.default.removeItem(atPath: path)
        }
    }
}
#endif
