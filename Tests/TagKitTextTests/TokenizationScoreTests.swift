import Testing
import TagKitText

/// `TokenizationScore` against hand-counted cases.
@Suite struct TokenizationScoreTests {
    private func gold(_ text: String, _ lines: [[String]]) -> Sentence {
        Sentence(header: [SourceLine(text: "# text = \(text)")],
                 tokens: lines.map { Token(columns: [$0[0], $0[1], "_", "_", "_", "_", "_", "_", "_", "_"]) })
    }

    @Test func multiwordTokensCountAsOneTokenAndAsTheirWords() {
        let sentence = gold("I don't.", [["1", "I"], ["2-3", "don't"], ["2", "do"], ["3", "n't"], ["4", "."]])
        var split = TokenizationScore()
        split.add(gold: sentence, system: ["I", "do", "n't", "."])
        #expect(split.words == .init(gold: 4, system: 4, correct: 4))
        #expect(split.tokens == .init(gold: 3, system: 4, correct: 2))
        var whole = TokenizationScore()
        whole.add(gold: sentence, system: ["I", "don't."])
        #expect(whole.tokens == .init(gold: 3, system: 2, correct: 1))
        #expect(whole.tokens.precision == 50)
        #expect(abs(whole.tokens.f1 - 40) < 1e-9)
    }

    @Test func unalignableSentencesAreSkipped() {
        var score = TokenizationScore()
        score.add(gold: gold("a b", [["1", "a"], ["2", "c"]]), system: ["a", "b"])
        #expect(score.skipped == 1 && score.tokens.gold == 0)
    }
}
