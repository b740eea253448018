import Foundation
import Testing
@testable import TagKitText

@Suite struct VocabularyTests {
    @Test func reservedEntriesComeFirstAndUnknownsMapToUnk() {
        let words = Vocabulary(["the", "cat", "the"], reserved: .padAndUnknown)
        #expect(words.entries == ["<pad>", "<unk>", "the", "cat"])
        #expect(words.id("cat") == 3)
        #expect(words.id("dog") == 1)
        #expect(words.id(exactly: "dog") == nil)
        #expect(words[2] == "the")
    }

    @Test func countingOrdersByFrequencyThenFirstSeenAndCuts() {
        let items = ["b", "a", "c", "a", "b", "d", "a"]
        let vocabulary = Vocabulary(counting: items, minimumCount: 1, reserved: .none)
        #expect(vocabulary.entries == ["a", "b", "c", "d"])
        #expect(Vocabulary(counting: items, minimumCount: 2, reserved: .none).entries == ["a", "b"])
        #expect(Vocabulary(counting: items, limit: 3, reserved: .padAndUnknown).entries == ["<pad>", "<unk>", "a", "b", "c"])
    }

    @Test func codableRoundTripAndCorruptInputRejected() throws {
        let vocabulary = Vocabulary(["x", "y"], reserved: .padAndUnknown)
        let data = try JSONEncoder().encode(vocabulary)
        #expect(try JSONDecoder().decode(Vocabulary.self, from: data) == vocabulary)
        let corrupt = Data(#"{"entries":["x","<unk>"],"reserved":"padAndUnknown"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: corrupt) }
    }
}
