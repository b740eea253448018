import Foundation
import Testing
import TagKitTestSupport

/// `tagkit train --task classify`, `tagkit classify` and `tagkit eval --task classify` end to end on
/// small slices of the shared MR and TREC files.
@Suite struct ClassifyCommandTests {
    /// Lines `range` of a shared file, written to `name` in `directory`.
    private func slice(_ relative: String, _ range: Range<Int>, to name: String, in directory: URL) throws -> String {
        let lines = try String(contentsOfFile: SharedData.data(relative), encoding: .utf8).split(separator: "\n")
        let path = directory.appendingPathComponent(name).path
        try (lines[range].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let small = ["--embedding-dimension", "16", "--filters", "8", "--widths", "2,3", "--epochs", "3",
                         "--optimizer", "adam", "--learning-rate", "0.01"]

    @Test func trainClassifyAndEvaluate() throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try slice("classify/mr/train.tsv", 0..<60, to: "train.tsv", in: directory)
        let test = try slice("classify/mr/test.tsv", 0..<20, to: "test.tsv", in: directory)
        let model = directory.appendingPathComponent("mr.model").path
        let report = directory.appendingPathComponent("report.html").path
        let trained = try TagKitProcess.run(["train", "--task", "classify", "--train", train, "--test", test,
                                             "--model-type", "cnn", "--pretokenized", "--output", model, "--report", report] + small)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stderr.contains("held out 6 of 60"))
        #expect(trained.stderr.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.count == 3)
        #expect(trained.stderr.contains("test accuracy"))
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("Confusion"))

        let texts = try String(contentsOfFile: test, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t")[1] }
        let classified = try TagKitProcess.run(["classify", "--model", model, "-"],
                                               stdin: Data((texts.joined(separator: "\n") + "\n").utf8))
        #expect(classified.status == 0, "\(classified.stderr)")
        let lines = classified.stdoutText.split(separator: "\n")
        #expect(lines.count == 20)
        for line in lines {
            let fields = line.split(separator: "\t")
            #expect(fields.count == 2 && ["pos", "neg"].contains(fields[0]) && (Double(fields[1]) ?? 0) >= 0.5)
        }
        let json = try TagKitProcess.run(["classify", "--model", model, "--json", "--text-column", "1", test])
        let first = try JSONSerialization.jsonObject(with: Data(json.stdoutText.split(separator: "\n")[0].utf8)) as? [String: Any]
        let probabilities = first?["probabilities"] as? [String: Double]
        #expect(Set(probabilities?.keys.map { $0 } ?? []) == ["neg", "pos"])
        #expect(abs((probabilities?.values.reduce(0, +) ?? 0) - 1) < 1e-4)
        #expect(first?["label"] as? String == lines[0].split(separator: "\t")[0].description)

        let emptyLine = try TagKitProcess.run(["classify", "--model", model, "-"], stdin: Data("a good film\n\nbad\n".utf8))
        #expect(emptyLine.status != 0 && emptyLine.stderr.contains("<stdin>:2:"), "\(emptyLine.stderr)")
        #expect(emptyLine.stdout.isEmpty)

        let evaluated = try TagKitProcess.run(["eval", "--task", "classify", "--model", model, "--data", test])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdoutText.contains("examples: 20; accuracy:"))
        #expect(evaluated.stdoutText.contains("confusion (rows gold, columns predicted)"))
        // Accuracy from eval equals the share of classify's labels that match the gold ones.
        let gold = try String(contentsOfFile: test, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t")[0] }
        let correct = zip(lines, gold).filter { $0.split(separator: "\t")[0] == $1 }.count
        #expect(evaluated.stdoutText.contains("accuracy: \(String(format: "%.2f", 100 * Double(correct) / 20))%"))
    }

    @Test func trecColumnsTheBagModelAndAnUnseenGoldLabel() throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try slice("classify/trec/train.tsv", 0..<50, to: "train.tsv", in: directory)
        let dev = try slice("classify/trec/train.tsv", 50..<60, to: "dev.tsv", in: directory)
        let model = directory.appendingPathComponent("trec.model").path
        let trained = try TagKitProcess.run(["train", "--task", "classify", "--train", train, "--dev", dev, "--text-column", "2",
                                             "--model-type", "bag", "--pooling", "max", "--hidden", "8", "--output", model] + small)
        #expect(trained.status == 0, "\(trained.stderr)")
        // A gold label the model never saw is counted and reported.
        let odd = directory.appendingPathComponent("odd.tsv").path
        try "NEW\tx:y\tWhat is this ?\nHUM\tHUM:ind\tWho is she ?\n".write(toFile: odd, atomically: true, encoding: .utf8)
        let evaluated = try TagKitProcess.run(["eval", "--task", "classify", "--model", model, "--data", odd, "--text-column", "2"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdoutText.contains("never saw: 1 example(s) (NEW)"))
    }

    @Test func badInputNamesFileAndLine() throws {
        let directory = try SharedData.temporaryDirectory()
        let bad = directory.appendingPathComponent("bad.tsv").path
        try "pos\ta fine film\nneg-no-tab-here\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("never.model").path
        let trained = try TagKitProcess.run(["train", "--task", "classify", "--train", bad, "--output", model] + small)
        #expect(trained.status != 0)
        #expect(trained.stderr.contains("\(bad):2:"))
        #expect(!FileManager.default.fileExists(atPath: model))

        let empty = directory.appendingPathComponent("empty.tsv").path
        try "pos\ta fine film\nneg\t \n".write(toFile: empty, atomically: true, encoding: .utf8)
        let noText = try TagKitProcess.run(["train", "--task", "classify", "--train", empty, "--output", model] + small)
        #expect(noText.status != 0 && noText.stderr.contains("\(empty):2:"))

        let vectorsMissing = try TagKitProcess.run(["train", "--task", "classify", "--train", empty, "--static", "--output", model])
        #expect(vectorsMissing.status != 0 && vectorsMissing.stderr.contains("--embeddings"))
        let vectorsIgnored = try TagKitProcess.run(["train", "--task", "classify", "--train", empty, "--embeddings", empty,
                                                    "--output", model])
        #expect(vectorsIgnored.status != 0 && vectorsIgnored.stderr.contains("--non-static"))
    }
}
