import Foundation
import Testing
import TagKitText
import TagKitTestSupport
@testable import TagKitEvaluation

@Suite struct ReportExtrasTests {
    private func evaluate(_ name: String, mode: EvaluationMode = .conlleval, confusion: Bool = false,
                          explain: StrictScheme? = nil) throws -> Evaluation {
        try Evaluation(EvaluationRequest(input: .conlleval(path: SharedData.data("eval-golden/\(name)")), mode: mode,
                                         confusion: confusion, explainScheme: explain))
    }

    @Test func confusionCountsTokensByType() throws {
        let evaluation = try evaluate("e06_i_other_type.txt", confusion: true)
        let confusion = try #require(evaluation.confusion)
        let types = evaluation.table.types
        let labels = confusion.orderedLabels(types: types).map { types.string($0) }
        #expect(labels.last == "O")
        #expect(labels == labels.dropLast().sorted() + ["O"])
        var total = 0, agreeing = 0
        for gold in confusion.labels {
            for predicted in confusion.labels {
                total += confusion.count(gold: gold, predicted: predicted)
                if gold == predicted { agreeing += confusion.count(gold: gold, predicted: predicted) }
            }
        }
        #expect(total == evaluation.counts.tokens)
        #expect(agreeing >= evaluation.counts.correctTags)
        let table = String(decoding: confusion.render(types: types), as: UTF8.self).split(separator: "\n")
        #expect(table.count == labels.count + 1)
        #expect(Set(table.map(\.count)).count == 1, "rows are aligned")
    }

    /// e05: every `I-` after `O` is a phrase for conlleval and none for strict IOB2.
    @Test func explainListsPhrasesOnlyOneModeFinds() throws {
        let evaluation = try evaluate("e05_i_after_o.txt", explain: .iob2)
        let found = try #require(evaluation.disagreements)
        #expect(found.count == 5)
        #expect(found.allSatisfy { $0.foundBy == .conlleval })
        #expect(found.contains(SpanDisagreement(sentence: 1, firstToken: 5, lastToken: 6, side: .predicted,
                                                type: "LOC", foundBy: .conlleval, text: "New York")))
        let conll = try evaluate("e05_i_after_o.txt")
        let strict = try evaluate("e05_i_after_o.txt", mode: .strict(.iob2))
        let goldDifference = conll.counts.goldTotal - strict.counts.goldTotal
        let foundDifference = conll.counts.foundTotal - strict.counts.foundTotal
        #expect(found.filter { $0.side == .gold }.count == goldDifference)
        #expect(found.filter { $0.side == .predicted }.count == foundDifference)
    }

    @Test func jsonCarriesTheReportNumbers() throws {
        let evaluation = try evaluate("real_es_test.txt", confusion: true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(evaluation.jsonReport())) as? [String: Any])
        #expect(json["mode"] as? String == "conlleval")
        #expect(json["tokens"] as? Int == 51533)
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["gold"] as? Int == 3559)
        #expect(overall["found"] as? Int == 3903)
        #expect(overall["correct"] as? Int == 2880)
        let f1 = try #require(overall["f1"] as? Double)
        #expect(printfFixed(f1, width: 6) == " 77.19")
        let types = try #require(json["types"] as? [[String: Any]])
        #expect(types.map { $0["type"] as? String } == ["LOC", "MISC", "ORG", "PER"])
        #expect(types.compactMap { $0["found"] as? Int } == [1126, 495, 1417, 865])
        let confusion = try #require(json["confusion"] as? [String: Any])
        let counts = try #require(confusion["counts"] as? [[Int]])
        #expect(counts.joined().reduce(0, +) == 51533)
    }

    @Test func strictReportUsesConllevalLayout() throws {
        let evaluation = try evaluate("e12_iobes.txt", mode: .strict(.iobes))
        let text = String(decoding: evaluation.textReport(), as: UTF8.self)
        #expect(text.hasPrefix("processed 34 tokens with 17 phrases; found: 11 phrases; correct: 9.\n"))
        #expect(text.contains("              PER: precision:  60.00%; recall:  33.33%; FB1:  42.86  5\n"))
    }
}
