import Testing
@testable import TagKitEmbeddings

@Suite struct NearestNeighborsTests {
    /// Cosine similarities computed directly in Double, as the oracle.
    private func bruteForce(_ vectors: WordVectors, _ query: [Float], excluding: Set<Int>) -> [(Int, Double)] {
        let queryNorm = query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return (0..<vectors.count).filter { !excluding.contains($0) }.map { row in
            let vector = vectors.vector(at: row)
            let dot = zip(vector, query).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let norm = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return (row, dot / (norm * queryNorm))
        }.sorted { $0.1 > $1.1 }
    }

    @Test func nearestMatchesABruteForceCosineRanking() throws {
        let (glove, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 3000))
        let search = NearestNeighbors(glove)
        for word in ["king", "france", "good"] {
            let row = try #require(glove.row(of: word))
            let found = search.nearest(toRow: row, k: 10)
            let expected = bruteForce(glove, Array(glove.vector(at: row)), excluding: [row]).prefix(10)
            #expect(found.map(\.row) == expected.map(\.0), "\(word)")
            for (neighbor, (_, cosine)) in zip(found, expected) {
                #expect(abs(Double(neighbor.cosine) - cosine) < 1e-5)
            }
        }
        let france = search.nearest(toRow: glove.row(of: "france")!, k: 5).map(\.word)
        #expect(france.contains("french") || france.contains("germany"))
    }

    @Test func analogyExcludesItsInputsAndFindsQueen() throws {
        let (glove, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 5000))
        let search = NearestNeighbors(glove)
        let (man, king, woman) = (glove.row(of: "man")!, glove.row(of: "king")!, glove.row(of: "woman")!)
        let answers = search.analogy(a: man, b: king, c: woman, k: 5)
        #expect(answers.count == 5)
        #expect(!answers.contains { [man, king, woman].contains($0.row) })
        #expect(answers.first?.word == "queen")
        #expect(zip(answers, answers.dropFirst()).allSatisfy { $0.cosine >= $1.cosine })
    }

    @Test func zeroRowsAndSmallTables() {
        let vectors = WordVectors(words: WordTable(["a", "b", "zero"]), values: [1, 0, 0.6, 0.8, 0, 0], dimension: 2)
        let search = NearestNeighbors(vectors)
        let found = search.nearest(to: [2, 0], k: 10)
        #expect(found.map(\.word) == ["a", "b", "zero"])
        #expect(found.map(\.cosine) == [1, 0.6, 0])
    }
}
