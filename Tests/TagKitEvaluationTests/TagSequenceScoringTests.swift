import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitEvaluation

@Suite struct TagSequenceScoringTests {
    /// The in-memory scorer gives conlleval.pl's own counts on a real golden file.
    @Test func matchesConllevalOnTheWikigoldGolden() throws {
        let text = try String(contentsOfFile: SharedData.data("eval-golden/real_wikigold_test.txt"), encoding: .utf8)
        var gold: [[String]] = [[]], predicted: [[String]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let fields = line.split(separator: " ")
            if fields.isEmpty {
                if !gold[gold.count - 1].isEmpty { gold.append([]); predicted.append([]) }
                continue
            }
            gold[gold.count - 1].append(String(fields[fields.count - 2]))
            predicted[predicted.count - 1].append(String(fields[fields.count - 1]))
        }
        let scoring = TagSequenceScoring(gold: gold, predicted: predicted)
        // conlleval.pl on this file: 3445 tokens, 364 phrases, found 385, correct 302, FB1 80.64.
        let report = try String(contentsOfFile: SharedData.data("eval-golden/real_wikigold_test.conlleval.txt"), encoding: .utf8)
        #expect(report.hasPrefix("processed \(scoring.counts.tokens) tokens with \(scoring.counts.goldTotal) phrases; found: \(scoring.counts.foundTotal) phrases; correct: \(scoring.counts.correctTotal)."))
        #expect(report.contains("FB1: \(printfFixedValue(scoring.overall.f1))\n"))
        for row in scoring.types {
            #expect(report.contains("\(row.type): precision: \(printfFixedValue(row.precision))%"))
        }
    }

    private func printfFixedValue(_ value: Double) -> String { String(format: "%6.2f", value) }
}
