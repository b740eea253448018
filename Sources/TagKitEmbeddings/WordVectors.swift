/// Pretrained word vectors: one contiguous row-major Float32 matrix `[count, dimension]` and the
/// words of its rows (word ↔ row index both ways).
///
/// Row `i` is `values[i * dimension ..< (i + 1) * dimension]` and belongs to `words.word(at: i)`.
/// Rows keep the file's order; a word repeated in the file keeps its first row.
public struct WordVectors: Sendable {
    /// Values per row.
    public let dimension: Int
    /// The words, indexed by row.
    public let words: WordTable
    /// `count × dimension` values, row-major.
    public let values: [Float]

    /// The number of rows (words).
    public var count: Int { words.count }

    /// Bytes of the matrix (`count × dimension × 4`).
    public var matrixBytes: Int { count * dimension * MemoryLayout<Float>.size }

    /// Vectors from a word table and its `words.count × dimension` values.
    public init(words: WordTable, values: [Float], dimension: Int) {
        precondition(dimension > 0, "dimension must be positive")
        precondition(values.count == words.count * dimension, "values must hold count × dimension numbers")
        self.words = words
        self.values = values
        self.dimension = dimension
    }

    /// The row of `word` (exact match), or nil.
    public func row(of word: String) -> Int? { words.index(of: word) }

    /// The vector of row `row`.
    public func vector(at row: Int) -> ArraySlice<Float> {
        values[row * dimension ..< (row + 1) * dimension]
    }

    /// The vector of `word` (exact match), or nil.
    public func vector(for word: String) -> ArraySlice<Float>? {
        row(of: word).map { vector(at: $0) }
    }
}
