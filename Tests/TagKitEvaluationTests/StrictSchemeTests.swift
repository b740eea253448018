import Testing
@testable import TagKitEvaluation

/// IOE1 and IOE2 have no golden file; these expectations are seqeval 1.2.2's own output
/// (`Entities(sentences, IOE1/IOE2)`) on the sentences below, recorded by running it.
@Suite struct StrictSchemeTests {
    static let gold = [["I-PER", "E-PER", "O", "I-LOC", "E-LOC", "E-LOC", "O", "E-ORG"],
                       ["I-PER", "I-PER", "E-PER", "O", "I-LOC", "O", "E-MISC", "E-MISC"]]
    static let predicted = [["I-PER", "E-PER", "O", "I-LOC", "I-LOC", "E-LOC", "O", "I-ORG"],
                            ["E-PER", "I-PER", "E-PER", "O", "E-LOC", "O", "I-MISC", "E-MISC"]]

    /// (sentence, type, start, end) of every phrase, as seqeval's `Entity.to_tuple()` orders them.
    private func phrases(_ sentences: [[String]], _ scheme: StrictScheme) throws -> [String] {
        let table = TagTable()
        var found: [String] = []
        for (number, sentence) in sentences.enumerated() {
            var decoder = StrictSpanDecoder(scheme: scheme, table: table)
            var spans: [PhraseSpan] = []
            for tag in sentence { if let span = try decoder.step(table.info(tag)) { spans.append(span) } }
            if let span = decoder.finishSentence() { spans.append(span) }
            found += spans.map { "(\(number), \(table.types.string($0.type)), \($0.start), \($0.end))" }
        }
        return found.sorted()
    }

    @Test func ioe2MatchesSeqeval() throws {
        #expect(try phrases(Self.gold, .ioe2) == ["(0, LOC, 3, 5)", "(0, LOC, 5, 6)", "(0, ORG, 7, 8)", "(0, PER, 0, 2)",
                                                  "(1, MISC, 6, 7)", "(1, MISC, 7, 8)", "(1, PER, 0, 3)"])
        #expect(try phrases(Self.predicted, .ioe2) == ["(0, LOC, 3, 6)", "(0, PER, 0, 2)", "(1, LOC, 4, 5)",
                                                       "(1, MISC, 6, 8)", "(1, PER, 0, 1)", "(1, PER, 1, 3)"])
    }

    @Test func ioe1MatchesSeqeval() throws {
        #expect(try phrases(Self.gold, .ioe1) == ["(0, LOC, 3, 5)", "(1, LOC, 4, 5)"])
        #expect(try phrases(Self.predicted, .ioe1) == ["(0, ORG, 7, 8)"])
    }

    @Test func counterMatchesPhrasesOnBothSides() throws {
        let table = TagTable()
        var counter = StrictCounter(scheme: .ioe2, table: table)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for (goldSentence, predictedSentence) in zip(Self.gold, Self.predicted) {
            for (gold, predicted) in zip(goldSentence, predictedSentence) {
                try counter.token(gold: table.info(gold), predicted: table.info(predicted), text: empty)
            }
            try counter.sentenceBreak()
        }
        try counter.finish()
        #expect(counter.counts.goldTotal == 7)
        #expect(counter.counts.foundTotal == 6)
        #expect(counter.counts.correctTotal == 1)
    }

    @Test func aPrefixOutsideTheSchemeIsAnError() throws {
        let table = TagTable()
        var decoder = StrictSpanDecoder(scheme: .iob2, table: table)
        #expect(throws: TagError.self) { try decoder.step(table.info("E-PER")) }
        var unknown = StrictSpanDecoder(scheme: .iobes, table: table)
        #expect(throws: TagError.self) { try unknown.step(table.info("PER")) }
    }
}
