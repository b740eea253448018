import TagKitEmbeddings
import TagKitTensor

extension TextClassifier {
    /// The initial word-vector table `[words, d]` for `vocabulary` (ids as in the vocabulary): row 0
    /// (`<pad>`) zero; a word's pretrained vector when `vectors` holds one (found through the
    /// `VectorLookupStep` chain), else `U(−0.25, 0.25)` as Kim (2014); `d` is the vectors' dimension,
    /// or `dimension` without vectors.
    ///
    /// Returns the table and the lookup counts (how many words each step found).
    public static func initialTable(words vocabulary: [String], vectors: WordVectors?, dimension: Int,
                                    seed: UInt64) -> (table: Tensor, match: VocabularyMatch?) {
        let d = vectors?.dimension ?? dimension
        var generator = SeededGenerator(seed: seed ^ 0x7461_626C_6521)
        var table = Tensor.uniform([vocabulary.count, d], lower: -0.25, upper: 0.25, using: &generator)
        let match = vectors?.find(vocabulary: vocabulary)
        table.withUnsafeMutableBufferPointer { t in
            t.baseAddress!.update(repeating: 0, count: d)
            guard let vectors, let match else { return }
            vectors.values.withUnsafeBufferPointer { v in
                for (id, found) in match.matches.enumerated() where id > 0 {
                    guard let found else { continue }
                    (t.baseAddress! + id * d).update(from: v.baseAddress! + found.row * d, count: d)
                }
            }
        }
        return (table, match)
    }
}
