import Testing
@testable import TagKitEmbeddings

@Suite struct VectorLookupTests {
    private func vectors(_ words: [String]) -> WordVectors {
        WordVectors(words: WordTable(words), values: words.indices.map(Float.init), dimension: 1)
    }

    @Test func theChainTriesExactThenLowercaseThenDigits() {
        let table = vectors(["Apple", "apple", "paris", "Year0000", "year0000", "٣"])
        #expect(table.find("Apple") == VectorMatch(row: 0, step: .exact))
        #expect(table.find("APPLE") == VectorMatch(row: 1, step: .lowercased))
        #expect(table.find("PARIS") == VectorMatch(row: 2, step: .lowercased))
        #expect(table.find("Year1999") == VectorMatch(row: 3, step: .digitsZeroed))
        #expect(table.find("YEAR2024") == VectorMatch(row: 4, step: .lowercasedDigitsZeroed))
        #expect(table.find("٣") == VectorMatch(row: 5, step: .exact))
        #expect(table.find("berlin") == nil)
    }

    @Test func formsAreDistinctAndUseUnicodeDigitsAndCase() {
        #expect(VectorLookupStep.forms(of: "abc").map(\.form) == ["abc"])
        #expect(VectorLookupStep.forms(of: "Ab1").map(\.form) == ["Ab1", "ab1", "Ab0", "ab0"])
        #expect(VectorLookupStep.forms(of: "МОСКВА٢٠").map(\.form) == ["МОСКВА٢٠", "москва٢٠", "МОСКВА00", "москва00"])
        #expect(VectorLookupStep.forms(of: "12").map(\.step) == [.exact, .digitsZeroed])
    }

    @Test func vocabularyLookupCountsEachStep() throws {
        let (glove, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 5000))
        let vocabulary = ["the", "The", "PARIS", "1984", "Jan1984", "zzqxj", "of", "NATO"]
        let result = glove.find(vocabulary: vocabulary)
        var expected = [0, 0, 0, 0]
        var missing = 0
        for word in vocabulary {
            if let step = VectorLookupStep.forms(of: word).first(where: { glove.row(of: $0.form) != nil })?.step {
                expected[step.rawValue] += 1
            } else {
                missing += 1
            }
        }
        #expect(result.foundByStep == expected)
        #expect(result.missing == missing && missing >= 1)
        #expect(result.matches[1] == VectorMatch(row: 0, step: .lowercased))
        #expect(result.matches[5] == nil)
        #expect(result.summary.hasPrefix("found \(vocabulary.count - missing) of 8 (exact "))
    }
}
