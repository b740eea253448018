import Testing
import TagKitTestSupport
import TagKitText

/// Invariants of the tokenizer on random texts built from the pieces its rules look at.
@Suite struct TokenizerPropertyTests {
    private static let pieces = [
        "a", "Z", "word", "Ёж", "мир", "3", "1,000", "3.14", "'", "’", "-", "--", ".", "...", ",", "!", "?",
        "(", ")", ")))", "\"", "«", "»", "@", "#", "&", "&#39;", ";", ":", "/", "_", "+", "$", "%",
        "http://", "www.", ".com", "e.g.", "U.S.", "г.", "don't", "n't", "'s", "😍", "👍🏻", "🇷🇺", "\u{200D}",
        "e\u{301}", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t",
    ]

    @Test func tokensAreOrderedDisjointAndCoverTheText() {
        withEverySeed(0..<1000) { generator, seed in
            let count = Int.random(in: 1...40, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            for language in Tokenizer.Language.allCases {
                let sentences = Tokenizer(language: language).sentences(in: text)
                var previousEnd = 0
                var covered = 0
                for token in sentences.flatMap(\.tokens) {
                    #expect(!token.utf8Range.isEmpty && token.utf8Range.lowerBound >= previousEnd, "seed \(seed)")
                    #expect(String(decoding: bytes[token.utf8Range], as: UTF8.self) == token.text, "seed \(seed)")
                    #expect(!token.text.unicodeScalars.contains { $0.properties.isWhitespace }, "seed \(seed)")
                    previousEnd = token.utf8Range.upperBound
                    covered += token.text.unicodeScalars.count
                }
                #expect(covered == text.unicodeScalars.filter { !$0.properties.isWhitespace }.count, "seed \(seed)")
                #expect(sentences.allSatisfy { !$0.tokens.isEmpty }, "seed \(seed)")
            }
        }
    }
}

/// Inputs that would make the address rules quadratic without their scan limit.
@Suite struct TokenizerLongChunkTests {
    @Test func aLongChunkOfDottedNamesTakesLinearTime() {
        let text = String(repeating: "Abcd.", count: 40_000) + " " + String(repeating: "a_b.", count: 40_000) + "@x"
        let clock = ContinuousClock()
        var tokens: [TextToken] = []
        let elapsed = clock.measure { tokens = Tokenizer().tokens(in: text) }
        #expect(tokens.count == 4 * 40_000 + 1)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
