import TagKitText

/// Where the C word2vec tool and gensim differ when writing binary files.
public enum BinaryRowEnd: String, CaseIterable, Sendable {
    /// No byte after a vector (gensim 4).
    case none
    /// A `\n` after each vector (the original C tool).
    case newline
}

extension WordVectors {
    /// Writes all rows in `format` to `output` (the caller commits it).
    ///
    /// Text rows are `word v1 … vDIM\n` with single spaces and each value in its shortest round-trip
    /// form (`ShortestFloatText`, laid out by `layout`); word2vec formats start with `COUNT DIM\n`. Binary rows are the word,
    /// a space and `DIM` little-endian Float32 values, followed by `rowEnd`.
    public func write(to output: OutputFile, format: VectorFormat, rowEnd: BinaryRowEnd = .none,
                      layout: DecimalLayout = .scientificBelow1e4) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        if format.hasHeader { bytes.append(contentsOf: Array("\(count) \(dimension)\n".utf8)) }
        try values.withUnsafeBufferPointer { values in
            for row in 0..<count {
                words.withWordBytes(at: row) { bytes.append(contentsOf: $0) }
                let vector = values[row * dimension ..< (row + 1) * dimension]
                switch format {
                case .word2vecBinary:
                    bytes.append(0x20)
                    for value in vector {
                        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
                    }
                    if rowEnd == .newline { bytes.append(0x0A) }
                case .word2vecText, .glove:
                    for value in vector {
                        bytes.append(0x20)
                        ShortestFloatText.append(value, layout: layout, to: &bytes)
                    }
                    bytes.append(0x0A)
                }
                if bytes.count >= 1 << 16 {
                    try output.write(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        try output.write(bytes)
    }
}
