import Foundation
import Testing
import TagKitTestSupport

/// `tagkit tag --model` and `tagkit classify --model` with damaged model files: a clear error naming
/// the file, a non-zero exit status, nothing written, and no allocation of what the file claims.
@Suite struct HostileModelCommandTests {
    /// Runs `tagkit arguments…` with its memory bounded to `kilobytes` (`ulimit -v`), so an allocation of
    /// the sizes a hostile file claims kills it instead of succeeding. Under a sanitizer, whose shadow memory needs
    /// terabytes of address space, the sanitizer's own limits on one allocation and on resident memory
    /// take its place, in the options variable the binary reads.
    private func runLimited(_ arguments: [String], kilobytes: Int) throws -> (status: Int32, stderr: String) {
        let quoted = ([TagKitProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        if let variable = Self.sanitizerOptionsVariable {
            let limits = "max_allocation_size_mb=\(kilobytes / 1000):hard_rss_limit_mb=\(kilobytes / 1000)"
            var environment = ProcessInfo.processInfo.environment
            environment[variable] = [environment[variable], limits].compactMap { $0 }.joined(separator: ":")
            process.environment = environment
            process.arguments = ["-c", "exec \(quoted)"]
        } else {
            process.arguments = ["-c", "ulimit -v \(kilobytes) && exec \(quoted)"]
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }

    /// `ASAN_OPTIONS` or `TSAN_OPTIONS` when this test process (and so the `tagkit` built with it) runs
    /// under that sanitizer, else nil.
    private static let sanitizerOptionsVariable: String? = {
        let loaded = { (symbol: String) in dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) != nil }
        if loaded("__asan_init") { return "ASAN_OPTIONS" }
        if loaded("__tsan_init") { return "TSAN_OPTIONS" }
        return nil
    }()

    private func write(_ parts: ModelFileSurgery, to name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(parts.bytes()).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func tagRejectsDamagedTaggers() throws {
        let directory = try SharedData.temporaryDirectory()
        let shipped = try ModelFileSurgery(path: SharedData.package("models/en-ner.tagkit"))
        let input = SharedData.package("corpora/wikigold/test.txt")
        let output = directory.appendingPathComponent("out.txt").path
        try Data("previous output\n".utf8).write(to: URL(fileURLWithPath: output))

        var nonFinite = shipped
        nonFinite.setScalar("crf0.transitions", 3, .nan)
        let nan = try write(nonFinite, to: "nan.tagkit", in: directory)
        let rejected = try TagKitProcess.run(["tag", "--model", nan, input, "-o", output])
        #expect(rejected.status != 0)
        #expect(rejected.stderr == "Error: \(nan): expected finite weights, found nan at index 3 of \"crf0.transitions\"\n")

        var truncated = shipped
        truncated.data.removeLast(1000)
        let short = try write(truncated, to: "short.tagkit", in: directory)
        let shortRun = try TagKitProcess.run(["tag", "--model", short, input, "-o", output])
        #expect(shortRun.status != 0)
        #expect(shortRun.stderr.hasPrefix("Error: \(short): byte ") && shortRun.stderr.contains("(the data length)"), "\(shortRun.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous output\n")
    }

    /// A configuration asking for 4·10^12 weights and a header asking for 10^12 floats fail at once,
    /// inside a 1 GB address space (tagging with the shipped model needs about 300 MB of it).
    @Test func absurdSizesFailWithinBoundedMemory() throws {
        let directory = try SharedData.temporaryDirectory()
        let shipped = try ModelFileSurgery(path: SharedData.package("models/en-ner.tagkit"))
        let input = directory.appendingPathComponent("head.txt").path
        let lines = try String(contentsOfFile: SharedData.package("corpora/wikigold/test.txt"), encoding: .utf8).split(separator: "\n")
        try (lines.prefix(40).joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let limit = 1_000_000

        let works = try runLimited(["tag", "--model", SharedData.package("models/en-ner.tagkit"), input], kilobytes: limit)
        #expect(works.status == 0, "the limit leaves room for a real model: \(works.stderr)")

        var hugeHidden = shipped
        hugeHidden.editMetadataJSON("configuration") { configuration in
            var encoder = configuration["encoder"] as! [String: Any]
            encoder["hidden"] = 1_000_000
            configuration["encoder"] = encoder
        }
        let hidden = try write(hugeHidden, to: "hidden.tagkit", in: directory)
        let hiddenRun = try runLimited(["tag", "--model", hidden, input], kilobytes: limit)
        #expect(hiddenRun.status == 1)
        #expect(hiddenRun.stderr.hasPrefix("Error: \(hidden): expected \"encoder.0.forward.inputWeight\" of shape [4000000, "),
                "\(hiddenRun.stderr)")

        var hugeTensor = shipped
        hugeTensor.set("words.weight", "shape", [1_000_000, 1_000_000])
        hugeTensor.set("words.weight", "data_offsets", [0, 4_000_000_000_000])
        let tensor = try write(hugeTensor, to: "tensor.tagkit", in: directory)
        let tensorRun = try runLimited(["tag", "--model", tensor, input], kilobytes: limit)
        #expect(tensorRun.status == 1)
        #expect(tensorRun.stderr.hasPrefix("Error: \(tensor): byte ") && tensorRun.stderr.contains("found [0, 4000000000000]"),
                "\(tensorRun.stderr)")
    }

    @Test func classifyRejectsDamagedClassifiers() throws {
        let directory = try SharedData.temporaryDirectory()
        let lines = try String(contentsOfFile: SharedData.data("classify/mr/train.tsv"), encoding: .utf8).split(separator: "\n")
        let train = directory.appendingPathComponent("train.tsv").path
        try (lines.prefix(40).joined(separator: "\n") + "\n").write(toFile: train, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("c.model").path
        let trained = try TagKitProcess.run(["train", "--task", "classify", "--train", train, "-o", model, "--model-type", "bag",
                                             "--embedding-dimension", "8", "--epochs", "1", "--pretokenized"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let valid = try ModelFileSurgery(path: model)

        var extra = valid
        extra.append("output.scale", shape: [1], values: [2])
        let extraPath = try write(extra, to: "extra.model", in: directory)
        let extraRun = try TagKitProcess.run(["classify", "--model", extraPath, "-"], stdin: Data("a fine film\n".utf8))
        #expect(extraRun.status != 0)
        #expect(extraRun.stderr == "Error: \(extraPath): expected only the model's 3 tensors, found an unknown tensor \"output.scale\"\n")
        #expect(extraRun.stdout.isEmpty)

        var negative = valid
        negative.editMetadataJSON("configuration") { $0["hiddenSize"] = -4 }
        let negativePath = try write(negative, to: "negative.model", in: directory)
        let negativeRun = try TagKitProcess.run(["classify", "--model", negativePath, "-"], stdin: Data("a fine film\n".utf8))
        #expect(negativeRun.status != 0)
        #expect(negativeRun.stderr == "Error: \(negativePath): the metadata \"configuration\" is not valid: "
                + "expected hiddenSize between 0 and 16777216, found -4\n")

        let tagger = try TagKitProcess.run(["classify", "--model", SharedData.package("models/en-ner.tagkit"), "-"],
                                           stdin: Data("a fine film\n".utf8))
        #expect(tagger.status != 0)
        #expect(tagger.stderr.hasSuffix("en-ner.tagkit: expected a TagKit text-classifier model (tagkit.format \"text-classifier\"), "
                + "found no tagkit.format\n"))
    }
}
