import Foundation
import Testing
import TagKitTestSupport

/// `tagkit train` twice with the same seed writes the same model file, byte for byte; another seed
/// gives other weights (on one machine, one thread, one build: see README "Reproducibility").
@Suite struct ReproducibilityTests {
    /// The model file of `tagkit train arguments… --seed seed -o NAME` run in `directory`.
    private func train(_ arguments: [String], seed: Int, name: String, in directory: URL) throws -> [UInt8] {
        let result = try TagKitProcess.run(["train"] + arguments + ["--seed", "\(seed)", "-o", name], currentDirectory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    private func firstLines(of path: String, _ count: Int, to name: String, in directory: URL) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try Data((lines.prefix(count).joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent(name))
    }

    @Test(arguments: ["ner", "classify"])
    func theSameSeedGivesTheSameFile(task: String) throws {
        let directory = try SharedData.temporaryDirectory()
        let arguments: [String]
        if task == "ner" {
            try firstLines(of: SharedData.package("corpora/wikigold/train.txt"), 300, to: "train.txt", in: directory)
            arguments = ["--task", "ner", "--train", "train.txt", "--epochs", "2", "--word-dim", "12", "--char-dim", "6",
                         "--char-size", "6", "--hidden-size", "12", "--optimizer", "adam", "--learning-rate", "0.02",
                         "--batch-size", "4"]
        } else {
            try firstLines(of: SharedData.data("classify/mr/train.tsv"), 60, to: "train.tsv", in: directory)
            arguments = ["--task", "classify", "--train", "train.tsv", "--epochs", "2", "--embedding-dimension", "16",
                         "--filters", "8", "--widths", "2,3", "--pretokenized"]
        }
        let first = try train(arguments, seed: 7, name: "a.model", in: directory)
        let second = try train(arguments, seed: 7, name: "b.model", in: directory)
        let other = try train(arguments, seed: 8, name: "c.model", in: directory)
        #expect(first == second)
        // Not only the stored seed: the weights themselves differ.
        #expect(try ModelFileSurgery(bytes: first).data != ModelFileSurgery(bytes: other).data)
    }
}
