import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitModels

@Suite struct TaggerDataTests {
    private func tagged(_ words: [String], _ tags: [String]) -> TaggedWords {
        TaggedWords(words: words, labels: [tags], wordLines: Array(words.indices))
    }

    @Test func vocabulariesAndEncoding() throws {
        let training = [tagged(["John", "lives", "in", "Paris"], ["B-PER", "O", "O", "B-LOC"]),
                        tagged(["in", "1999"], ["O", "O"])]
        let vocabularies = TaggerVocabularies(training: training, extraWords: ["london", "0000"])
        #expect(vocabularies.words.entries == ["<pad>", "<unk>", "in", "John", "lives", "Paris", "1999", "london", "0000"])
        #expect(vocabularies.labels[0].entries == ["O", "B-LOC", "B-PER"])
        #expect(vocabularies.wordID("London") == 7)          // lowercase fallback
        #expect(vocabularies.wordID("2024") == 8)            // digits made 0
        #expect(vocabularies.wordID("Berlin") == 1)          // <unk>
        let encoded = try vocabularies.encode(tagged(["Paris", "é"], ["B-LOC", "O"]))
        #expect(encoded.words == [5, 1])
        #expect(encoded.characters[1] == [1])                // unseen character
        #expect(encoded.characters[0].count == 5)
        #expect(encoded.labels == [[1, 0]])
    }

    /// "é" precomposed and "e" + U+0301 are equal Swift Strings; the vocabulary keeps the spelling seen
    /// first, not whichever a Set's per-process seed happens to keep.
    @Test func canonicallyEquivalentCharactersKeepTheirFirstSpelling() {
        let vocabularies = TaggerVocabularies(training: [tagged(["caf\u{E9}", "re\u{301}sume\u{301}"], ["O", "O"])])
        let accented = vocabularies.characters.entries.filter { $0 == "\u{E9}" }
        #expect(accented.count == 1)
        #expect(accented.first?.unicodeScalars.count == 1)
        #expect(vocabularies.characters.entries.dropFirst(2).map { $0.unicodeScalars.first! } == ["c", "a", "f", "\u{E9}", "r", "s", "u", "m"])
    }

    @Test func unseenLabelIsAnErrorNamingTheLine() throws {
        let vocabularies = TaggerVocabularies(training: [tagged(["a"], ["O"])])
        #expect {
            try vocabularies.encode(tagged(["a", "b"], ["O", "B-MISC"]), file: "dev.txt", lines: [7, 8])
        } throws: { error in "\(error)" == "dev.txt:8: expected a label seen in training (O), found 'B-MISC'" }
    }

    @Test func batchesCoverEveryIndexOnceAndAreDeterministic() {
        withEverySeed(0..<50) { generator, seed in
            let count = Int(generator.next() % 300)
            let lengths = (0..<count).map { _ in Int(generator.next() % 40) + 1 }
            let batching = LengthBatches(batchSize: 7, poolFactor: 3)
            var first = SeededGenerator(seed: seed), second = SeededGenerator(seed: seed)
            let batches = batching.batches(lengths: lengths, generator: &first)
            #expect(batches == batching.batches(lengths: lengths, generator: &second))
            #expect(batches.flatMap { $0 }.sorted() == Array(0..<count))
            #expect(batches.allSatisfy { $0.count <= 7 && !$0.isEmpty })
        }
    }
}
