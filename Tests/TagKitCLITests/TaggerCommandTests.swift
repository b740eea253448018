import Foundation
import Testing
import TagKitTestSupport

/// End-to-end runs of the built `tagkit`: train → tag → eval for both tagger tasks.
@Suite struct TaggerCommandTests {
    /// Small dimensions so the debug build trains in seconds.
    private let small = ["--word-dim", "12", "--char-dim", "6", "--char-size", "6", "--hidden-size", "12",
                         "--optimizer", "adam", "--learning-rate", "0.02", "--batch-size", "4"]

    /// The first `lines` lines of a file, cut at a sentence boundary, as a new file.
    private func head(_ path: String, lines: Int, in directory: URL, name: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var kept = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines)
        while let last = kept.last, !last.isEmpty { kept.removeLast() }
        let out = directory.appendingPathComponent(name).path
        try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test func nerTrainTagEvalAndTextInput() throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try head(SharedData.package("corpora/wikigold/train.txt"), lines: 400, in: directory, name: "train.txt")
        let model = directory.appendingPathComponent("ner.tagkit").path
        let report = directory.appendingPathComponent("report.html").path
        let trained = try TagKitProcess.run(["train", "--task", "ner", "--train", train, "--dev", train, "--epochs", "3",
                                             "--tag-scheme", "iobes", "-o", model, "--report", report] + small)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stderr.contains("epoch 3/3"))
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("<svg"))

        let tagged = try TagKitProcess.run(["tag", "--model", model, train])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        let lines = tagged.stdoutText.split(separator: "\n")
        #expect(lines.allSatisfy { $0.split(separator: " ").count == 3 })       // token gold predicted (DOCSTART too)
        #expect(lines.allSatisfy { ["O", "B", "I"].contains($0.split(separator: " ").last!.prefix(1)) })  // IOB2 out

        let piped = try TagKitProcess.run(["eval"], stdin: tagged.stdout)
        let direct = try TagKitProcess.run(["eval", "--model", model, "--data", train])
        #expect(piped.status == 0 && direct.status == 0, "\(direct.stderr)")
        #expect(piped.stdoutText.hasPrefix("processed "))
        #expect(direct.stdout == piped.stdout)

        let text = try TagKitProcess.run(["tag", "--model", model, "--input", "text", "--output-format", "json", "-"],
                                         stdin: Data("John Smith visited Paris.\n\nThen he left.".utf8))
        #expect(text.status == 0, "\(text.stderr)")
        let objects = try text.stdoutText.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2)
        #expect((objects[0]["tokens"] as! [[String: Any]]).map { $0["text"] as! String } == ["John", "Smith", "visited", "Paris", "."])
        #expect((objects[1]["utf8Start"] as! Int) == 27)
        #expect(objects[0]["entities"] is [[String: Any]])
    }

    /// A conll-format model reads a `.iob2` or CoNLL-U file by its extension, keeping its comments.
    @Test func tagReadsTheInputInTheFormatItsExtensionNames() throws {
        let directory = try SharedData.temporaryDirectory()
        let text = try String(contentsOfFile: SharedData.package("corpora/uner-en-ewt/test.iob2"), encoding: .utf8)
        let input = directory.appendingPathComponent("slice.iob2").path
        let slice = text.components(separatedBy: "\n\n").prefix(3).joined(separator: "\n\n") + "\n\n"
        try Data(slice.utf8).write(to: URL(fileURLWithPath: input))
        let byExtension = try TagKitProcess.run(["tag", input])
        let explicit = try TagKitProcess.run(["tag", "--format", "iob2", input])
        #expect(byExtension.status == 0, "\(byExtension.stderr)")
        #expect(byExtension.stdout == explicit.stdout)
        let lines = byExtension.stdoutText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("# ") == true)
        #expect(lines.filter { !$0.hasPrefix("#") }.allSatisfy { $0.split(separator: "\t").count == 6 })
    }

    @Test func morphologyTrainTagEval() throws {
        let directory = try SharedData.temporaryDirectory()
        let train = try head(SharedData.data("ud/en_ewt/en_ewt-ud-dev.conllu"), lines: 300, in: directory, name: "train.conllu")
        let model = directory.appendingPathComponent("morph.tagkit").path
        let trained = try TagKitProcess.run(["train", "--task", "morph", "--train", train, "--epochs", "2",
                                             "--output-layer", "softmax", "-o", model] + small)
        #expect(trained.status == 0, "\(trained.stderr)")
        let predicted = directory.appendingPathComponent("pred.conllu").path
        let tagged = try TagKitProcess.run(["tag", "--model", model, train, "-o", predicted])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        // Only UPOS and FEATS may differ; every other column and comment is kept.
        let gold = try String(contentsOfFile: train, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let output = try String(contentsOfFile: predicted, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(gold.count == output.count)
        for (g, p) in zip(gold, output) {
            let gc = g.split(separator: "\t", omittingEmptySubsequences: false), pc = p.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(gc.count == pc.count)
            if gc.count == 10, !gc[0].contains("-"), !gc[0].contains(".") {
                #expect([0, 1, 2, 4, 6, 7, 8, 9].allSatisfy { gc[$0] == pc[$0] })
            } else {
                #expect(g == p)
            }
        }
        let scored = try TagKitProcess.run(["eval", "--format", "conllu", train, predicted])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stdoutText.contains("UPOS       |"))
        // In one step, only predicted columns are reported (XPOS and LEMMA were copied from the input).
        let direct = try TagKitProcess.run(["eval", "--model", model, "--data", train])
        let rows = direct.stdoutText.split(separator: "\n").map(String.init)
        #expect(rows.map { String($0.prefix(11)) } == ["Metric     ", "-----------", "Words      ", "UPOS       ", "UFeats     ", "AllTags    "])
        for row in rows.dropFirst(2) { #expect(scored.stdoutText.contains(row)) }
    }

    @Test func badInputIsAClearErrorAndLeavesTheOutput() throws {
        let directory = try SharedData.temporaryDirectory()
        let empty = directory.appendingPathComponent("empty.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let model = directory.appendingPathComponent("m.tagkit").path
        let noData = try TagKitProcess.run(["train", "--task", "ner", "--train", empty, "-o", model] + small)
        #expect(noData.status != 0)
        #expect(noData.stderr.contains("empty.txt: expected at least one sentence with tokens, found none"))
        #expect(!FileManager.default.fileExists(atPath: model))

        let conllu = try TagKitProcess.run(["train", "--task", "ner", "--train", SharedData.data("ud/ru_gsd/ru_gsd-ud-dev.conllu"),
                                            "--format", "conll", "-o", model] + small)
        #expect(conllu.status != 0)
        #expect(conllu.stderr.contains("ru_gsd-ud-dev.conllu:"))

        let notAModel = try TagKitProcess.run(["tag", "--model", empty, SharedData.package("corpora/wikigold/test.txt")])
        #expect(notAModel.status != 0)
        #expect(notAModel.stderr.contains("empty.txt"))
    }
}
