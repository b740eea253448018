import Testing
@testable import TagKitEvaluation

@Suite struct ClassificationScoresTests {
    /// gold a a a b b c, predicted a a b b a a: a has P 2/4, R 2/3; b P 1/2, R 1/2; c P 0 (no
    /// predictions), R 0.
    @Test func countsByHand() {
        let scores = ClassificationScores(gold: ["a", "a", "a", "b", "b", "c"], predicted: ["a", "a", "b", "b", "a", "a"],
                                          knownLabels: ["a", "b", "c"])
        #expect(scores.accuracy == 3.0 / 6)
        #expect(scores.confusion == [[2, 1, 0], [1, 1, 0], [1, 0, 0]])
        let a = scores.rows[0], b = scores.rows[1], c = scores.rows[2]
        #expect(a.precision == 0.5 && abs(a.recall - 2.0 / 3) < 1e-12 && a.support == 3)
        #expect(abs(a.f1 - 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3)) < 1e-12)
        #expect(b.precision == 0.5 && b.recall == 0.5 && b.f1 == 0.5)
        #expect(c.f1 == 0 && c.support == 1)
        #expect(abs(scores.macroF1 - (a.f1 + b.f1 + 0) / 3) < 1e-12)
        #expect(scores.unseenGoldCount == 0)
        #expect(scores.report.hasPrefix("examples: 6; accuracy: 50.00%; macro-F1: 35.71%\n"))
    }

    @Test func anUnseenGoldLabelIsCountedNotFatal() {
        let scores = ClassificationScores(gold: ["pos", "neu", "neg"], predicted: ["pos", "pos", "neg"],
                                          knownLabels: ["neg", "pos"])
        #expect(scores.labels == ["neg", "pos", "neu"])
        #expect(scores.unseenGoldCount == 1)
        #expect(scores.accuracy == 2.0 / 3)
        #expect(scores.confusion[2] == [0, 1, 0])
        #expect(scores.rows[2].isKnown == false && scores.rows[2].support == 1)
        #expect(scores.report.contains("never saw: 1 example(s) (neu)"))
    }

    @Test func labelsNeverSeenOrPredictedStayOutOfTheMacroAverage() {
        let scores = ClassificationScores(gold: ["x", "x"], predicted: ["x", "x"], knownLabels: ["x", "y"])
        #expect(scores.macroF1 == 1)
        #expect(scores.accuracy == 1)
    }
}
