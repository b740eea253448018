import TagKitTensor

/// A word and its cosine similarity to a query.
public struct Neighbor: Equatable, Sendable {
    public var row: Int
    public var word: String
    /// cos(query, row) = q·v / (‖q‖ ‖v‖), in [-1, 1]; 0 for an all-zero row.
    public var cosine: Float
}

/// Cosine similarity search over a `WordVectors` matrix.
///
/// The row norms are computed once; a query is one matrix–vector product `scores = V · q` through
/// `Gemm` (V: [count, dimension], q: [dimension]), then `scores[i] / (‖V_i‖ ‖q‖)`.
public struct NearestNeighbors: Sendable {
    public let vectors: WordVectors
    /// ‖V_i‖ for every row.
    public let norms: [Float]

    public init(_ vectors: WordVectors) {
        self.vectors = vectors
        let dimension = vectors.dimension
        norms = vectors.values.withUnsafeBufferPointer { values in
            (0..<vectors.count).map { row in
                var sum: Double = 0
                for value in values[row * dimension ..< (row + 1) * dimension] { sum += Double(value) * Double(value) }
                return Float(sum.squareRoot())
            }
        }
    }

    /// The `k` rows most similar to `query` (a `dimension`-vector), best first, leaving out `excluded`.
    /// Ties go to the lower row.
    public func nearest(to query: [Float], k: Int, excluding excluded: Set<Int> = []) -> [Neighbor] {
        precondition(query.count == vectors.dimension, "the query must have \(vectors.dimension) values")
        let count = vectors.count
        guard count > 0, k > 0 else { return [] }
        var scores = [Float](repeating: 0, count: count)
        vectors.values.withUnsafeBufferPointer { values in
            query.withUnsafeBufferPointer { query in
                scores.withUnsafeMutableBufferPointer { scores in
                    Gemm.multiply(m: count, n: 1, k: vectors.dimension,
                                  values.baseAddress!, lda: vectors.dimension,
                                  query.baseAddress!, ldb: 1,
                                  into: scores.baseAddress!, ldc: 1)
                }
            }
        }
        let queryNorm = Float(query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        var best: [(row: Int, cosine: Float)] = []
        best.reserveCapacity(k + 1)
        for row in 0..<count where !excluded.contains(row) {
            let denominator = norms[row] * queryNorm
            let cosine = denominator > 0 ? scores[row] / denominator : 0
            if best.count == k, cosine <= best[k - 1].cosine { continue }
            var position = best.count
            while position > 0, best[position - 1].cosine < cosine { position -= 1 }
            best.insert((row, cosine), at: position)
            if best.count > k { best.removeLast() }
        }
        return best.map { Neighbor(row: $0.row, word: vectors.words.word(at: $0.row), cosine: $0.cosine) }
    }

    /// The `k` rows most similar to row `row`, leaving `row` itself out.
    public func nearest(toRow row: Int, k: Int) -> [Neighbor] {
        nearest(to: Array(vectors.vector(at: row)), k: k, excluding: [row])
    }

    /// Analogy `a : b :: c : ?` — the rows nearest to `unit(b) − unit(a) + unit(c)` (gensim's
    /// `most_similar(positive=[b, c], negative=[a])`), leaving out the three inputs.
    public func analogy(a: Int, b: Int, c: Int, k: Int) -> [Neighbor] {
        let dimension = vectors.dimension
        var query = [Float](repeating: 0, count: dimension)
        for (row, sign) in [(b, Float(1)), (a, Float(-1)), (c, Float(1))] {
            let scale = norms[row] > 0 ? sign / norms[row] : 0
            for (index, value) in vectors.vector(at: row).enumerated() { query[index] += scale * value }
        }
        return nearest(to: query, k: k, excluding: [a, b, c])
    }
}
