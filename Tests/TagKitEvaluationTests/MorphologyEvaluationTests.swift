import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitEvaluation
@testable import TagKitText

@Suite struct MorphologyEvaluationTests {
    private let goldPath = SharedData.data("ud/en_ewt/en_ewt-ud-dev.conllu")

    /// Writes `sentences` to a temporary CoNLL-U file and returns its path.
    private func write(_ sentences: [Sentence]) throws -> String {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("pred.conllu").path
        let output = try OutputFile(path: path)
        for sentence in sentences { try SentenceWriter(output: output).write(sentence) }
        try output.commit()
        return path
    }

    @Test func identicalFilesScoreFull() throws {
        let scores = try MorphologyEvaluation.evaluate(gold: SentenceReader(path: goldPath), predicted: SentenceReader(path: goldPath))
        #expect(scores.words == 25_147)
        #expect(scores.metrics.allSatisfy { $0.correct == 25_147 })
        #expect(scores.report.contains("UPOS       |    100.00 |    100.00 |    100.00 |    100.00"))
    }

    @Test func countsEachKindOfErrorOnItsOwn() throws {
        var sentences = try SentenceReader(path: goldPath).readAll()
        var changedUPOS = 0, changedXPOS = 0, changedFeats = 0, reorderedFeats = 0, privateFeats = 0, changedAny = 0
        var wordIndex = 0
        for s in sentences.indices {
            for t in sentences[s].tokens.indices where WordID(sentences[s].tokens[t].columns[0])!.isWord {
                var columns = sentences[s].tokens[t].columns
                var changed = false
                if wordIndex % 7 == 0, columns[3] != "X" { columns[3] = "X"; changedUPOS += 1; changed = true }
                if wordIndex % 11 == 0, columns[4] != "XX" { columns[4] = "XX"; changedXPOS += 1; changed = true }
                let features = columns[5].split(separator: "|")
                if wordIndex % 13 == 0, features.count >= 2 {
                    columns[5] = features.reversed().joined(separator: "|")   // order does not matter
                    reorderedFeats += 1
                } else if wordIndex % 17 == 0, columns[5] != "Number=Dual" {
                    columns[5] = "Number=Dual"
                    changedFeats += 1
                    changed = true
                } else if wordIndex % 19 == 0 {
                    columns[5] = columns[5] == "_" ? "Private=Yes" : columns[5] + "|Private=Yes" // not universal
                    privateFeats += 1
                }
                if changed { changedAny += 1 }
                sentences[s].tokens[t].columns = columns
                wordIndex += 1
            }
        }
        #expect(reorderedFeats > 0 && privateFeats > 0)
        let scores = try MorphologyEvaluation.evaluate(gold: SentenceReader(path: goldPath), predicted: SentenceReader(path: write(sentences)))
        #expect(scores.words == wordIndex)
        #expect(scores.upos == wordIndex - changedUPOS)
        #expect(scores.xpos == wordIndex - changedXPOS)
        #expect(scores.universalFeatures == wordIndex - changedFeats)
        #expect(scores.allTags == wordIndex - changedAny)
        #expect(scores.lemmas == wordIndex)
    }

    @Test func misalignedWordsAreAnErrorNamingTheLine() throws {
        var sentences = try SentenceReader(path: goldPath).readAll()
        let target = try #require(sentences.indices.first { sentences[$0].tokens.count > 5 })
        sentences[target].tokens[2].columns[1] = "Different"
        let line = sentences[target].tokens[2].line
        let predicted = try write(sentences)
        #expect {
            try MorphologyEvaluation.evaluate(gold: SentenceReader(path: goldPath), predicted: SentenceReader(path: predicted))
        } throws: { error in
            "\(error)".contains("pred.conllu:\(line): expected the word") && "\(error)".contains("found 'Different'")
        }
    }

    @Test func missingSentenceIsAnError() throws {
        var sentences = try SentenceReader(path: goldPath).readAll()
        sentences.removeLast()
        let predicted = try write(sentences)
        #expect(throws: InputError.self) {
            try MorphologyEvaluation.evaluate(gold: SentenceReader(path: goldPath), predicted: SentenceReader(path: predicted))
        }
    }
}
