import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

/// `StringTable` (and `Vocabulary` on it) against a `[String: Int]` given the same insertions: the same
/// ids for every lookup, canonical equivalence included, and the first of equivalent strings kept.
@Suite struct StringTableTests {
    /// Pieces whose concatenations are canonically equivalent in many ways: precomposed and decomposed
    /// letters, combining marks of different classes in either order (reordered by normalization),
    /// a singleton decomposition (Å U+212B → U+00C5), Hangul syllables and their jamo, and look-alikes
    /// that are only compatibility-equivalent (ﬁ, ²), which must stay distinct.
    private static let pieces = [
        "e", "\u{301}", "é", "c", "\u{327}", "ç", "s", "\u{323}", "\u{307}", "ṩ", "A", "\u{30A}", "Å", "\u{212B}",
        "\u{1100}", "\u{1161}", "가", "\u{11A8}", "각", "ﬁ", "fi", "2", "²", "a", "<unk>", "\u{0}", "😍", "\u{200D}",
        "\u{FE0F}", "ё", "е\u{308}",
    ]

    private static func randomString(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func idsMatchADictionaryOnRandomStringsWithCombiningMarks() {
        withEverySeed(0..<300) { generator, seed in
            var table = StringTable()
            var reference: [String: Int] = [:]
            var firstInserted: [String] = []
            for _ in 0..<Int.random(in: 1...200, using: &generator) {
                let string = Self.randomString(&generator)
                let (inserted, id) = table.insert(string)
                #expect(inserted == (reference[string] == nil), "seed \(seed)")
                if reference[string] == nil {
                    reference[string] = firstInserted.count
                    firstInserted.append(string)
                }
                #expect(id == reference[string], "seed \(seed)")
            }
            #expect(table.count == firstInserted.count, "seed \(seed)")
            for (id, string) in firstInserted.enumerated() {
                #expect(Array(table[id].utf8) == Array(string.utf8), "seed \(seed): the bytes inserted first are kept")
            }
            for _ in 0..<200 {
                let query = Self.randomString(&generator)
                #expect(table.id(of: query) == reference[query], "seed \(seed): \(query.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func canonicallyEquivalentEntriesKeepTheFirstAndFindEitherForm() throws {
        let decomposed = "cafe\u{301}", precomposed = "café"
        let words = Vocabulary([decomposed, "x", precomposed, "s\u{307}\u{323}"], reserved: .padAndUnknown)
        #expect(words.count == 5)
        #expect(Array(words[2].utf8) == Array(decomposed.utf8))
        #expect(words.id(exactly: precomposed) == 2)
        #expect(words.id(exactly: "ṩ") == 4)
        #expect(words.id(exactly: "s\u{323}\u{307}") == 4)
        #expect(words.id(exactly: "ﬁ") == nil)
        #expect(Vocabulary([precomposed], reserved: .none) == Vocabulary([decomposed], reserved: .none))
        #expect(Vocabulary(["a"], reserved: .none) != Vocabulary(["a"], reserved: .padAndUnknown))
        let encoded = try JSONEncoder().encode(words)
        let decoded = try JSONDecoder().decode(Vocabulary.self, from: encoded)
        #expect(decoded.entries.map { Array($0.utf8) } == words.entries.map { Array($0.utf8) })
        let duplicate = Data(#"{"entries":["<pad>","<unk>","café","cafe\u0301"],"reserved":"padAndUnknown"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: duplicate) }
    }

    /// Every word of real corpora (Spanish, English, Russian), looked up as read, decomposed (NFD) and
    /// precomposed (NFC), gets the id a `[String: Int]` gives; words absent from the vocabulary miss.
    @Test(arguments: ["ner/conll2002-es/train.txt", "ud/en_ewt/en_ewt-ud-train.conllu", "ud/ru_taiga/ru_taiga-ud-train.conllu"])
    func idsMatchADictionaryOnARealVocabulary(file: String) throws {
        let text = try String(contentsOfFile: SharedData.data(file), encoding: .utf8)
        let words = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(60_000).compactMap { line -> String? in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first, !first.hasPrefix("#") else { return nil }
            return String(file.hasSuffix(".conllu") ? fields[1] : first)
        }
        let (kept, held) = (words.enumerated().filter { $0.offset % 3 != 0 }.map(\.element), words.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        let vocabulary = Vocabulary(kept, reserved: .padAndUnknown)
        var reference: [String: Int] = [Vocabulary.padding: 0, Vocabulary.unknownSymbol: 1]
        for word in kept where reference[word] == nil { reference[word] = reference.count }
        #expect(vocabulary.count == reference.count)
        #expect(vocabulary.count > 2_000)
        for word in kept + held {
            for form in [word, word.decomposedStringWithCanonicalMapping, word.precomposedStringWithCanonicalMapping] {
                #expect(vocabulary.id(exactly: form) == reference[form], "\(file): \(form)")
            }
        }
    }
}
