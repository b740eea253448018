import TagKitNN

/// Turns a batch of texts into one vector per text: the part of a `TextClassifier` between the word
/// vectors and the output layer.
protocol TextEncoder: Layer {
    /// The size of each text's vector.
    var outputSize: Int { get }
    /// `[texts.count, outputSize]` for the texts' word ids; `embed(ids)` gives the word vectors of
    /// `ids` as rows `[ids.count, inputSize]` on the tape.
    func encode(_ texts: [[Int]], embed: ([Int]) -> Variable) -> Variable
}

extension TextEncoder {
    /// The word vectors of `texts` zero-padded to the longest: `[texts.count, T, features]`
    /// (padding reads row 0, `<pad>`, whose gradient the padded layers never touch), and the lengths.
    func paddedVectors(_ texts: [[Int]], embed: ([Int]) -> Variable) -> (vectors: Variable, lengths: [Int]) {
        let lengths = texts.map(\.count)
        let time = max(1, lengths.max() ?? 1)
        var ids = [Int](repeating: 0, count: texts.count * time)
        for (b, text) in texts.enumerated() {
            for (t, id) in text.enumerated() { ids[b * time + t] = id }
        }
        let rows = embed(ids)
        return (rows.reshaped([texts.count, time, rows.value.columnCount]), lengths)
    }
}
