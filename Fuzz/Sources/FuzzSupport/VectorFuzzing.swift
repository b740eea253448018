import TagKit

/// The word-vector readers as `tagkit vectors` and `train --embeddings` use them.
public enum VectorFuzzing {
    /// Loads `bytes` as a vector file in `format`, then again with the format detected, keeping only
    /// the rows a few words reach, with strict UTF-8 checking; checks every loaded table.
    public static func load(_ bytes: [UInt8], format: VectorFormat) throws {
        let source = ByteSource(bytes: bytes, name: FuzzInput.name, readSize: 13)
        let (vectors, report) = try WordVectors.load(from: source, options: VectorLoadOptions(format: format, threads: 1))
        check(vectors)
        FuzzInput.require(report.rowsRead >= vectors.count, "fewer rows read than loaded")

        let detected = ByteSource(bytes: bytes, name: FuzzInput.name)
        let options = VectorLoadOptions(restrictTo: ["the", "The", "a", "1"], encoding: .strict, threads: 1)
        check(try WordVectors.load(from: detected, options: options).vectors)
    }

    /// Every row's word finds that row again, the matrix has `count × dimension` finite values.
    private static func check(_ vectors: WordVectors) {
        FuzzInput.require(vectors.dimension > 0, "a table of dimension \(vectors.dimension)")
        FuzzInput.require(vectors.values.count == vectors.count * vectors.dimension, "a matrix of the wrong size")
        FuzzInput.require(vectors.values.allSatisfy(\.isFinite), "a value that is not finite")
        for row in 0..<vectors.count {
            let found = vectors.words.withWordBytes(at: row) { vectors.words.index(ofBytes: $0) }
            FuzzInput.require(found == row, "word \(row) looks up row \(String(describing: found))")
            FuzzInput.require(vectors.vector(at: row).count == vectors.dimension, "a row of the wrong width")
        }
    }
}
