import TagKitNN
import TagKitTensor

/// A batch's distinct words: positions holding the same word id and the same characters have the
/// same input vector, so the first encoder layer projects each of them once.
private struct DistinctWords {
    private struct Key: Hashable {
        var word: Int
        var characters: [Int]
    }

    /// Word id of each distinct word.
    var words: [Int] = []
    /// Character ids of each distinct word.
    var characters: [[Int]] = []
    /// For padded row `b · T + t`, the distinct word at that position (0 at padding).
    var rowOfPosition: [Int]

    init(_ batch: [EncodedSentence], time: Int) {
        rowOfPosition = [Int](repeating: 0, count: batch.count * time)
        var rows: [Key: Int] = [:]
        for (b, sentence) in batch.enumerated() {
            for (t, word) in sentence.words.enumerated() {
                let key = Key(word: word, characters: sentence.characters[t])
                if let row = rows[key] {
                    rowOfPosition[b * time + t] = row
                } else {
                    rows[key] = words.count
                    rowOfPosition[b * time + t] = words.count
                    words.append(word)
                    characters.append(key.characters)
                }
            }
        }
    }
}

extension SequenceTagger {
    /// The encoder's layers when it is a stack of bidirectional LSTMs, which tagging runs without a
    /// tape; `nil` for other encoders.
    var inferenceLayers: [Bidirectional<LSTM>]? {
        let layers = encoder.layers.compactMap { $0 as? Bidirectional<LSTM> }
        return layers.count == encoder.layers.count ? layers : nil
    }

    /// The emissions of every head `[B, T, K_c]` without a tape, for taggers whose encoder is a stack
    /// of bidirectional LSTMs (`nil` otherwise: the caller runs `emissions(_:on:)`).
    ///
    /// The same function as `emissions` with dropout off, computed the way tagging wants it: the first
    /// layer's input projection `W x + b` runs once per distinct word of the batch instead of once per
    /// position, one direction at a time, and that direction then steps `LSTMInference`. Results
    /// agree with the tape's to float rounding (the products are grouped differently).
    func inferenceEmissions(_ batch: [EncodedSentence]) -> [Tensor]? {
        guard let layers = inferenceLayers else { return nil }
        let lengths = batch.map(\.count)
        let distinct = DistinctWords(batch, time: max(1, lengths.max() ?? 1))
        return inferenceEmissions(input: wordInputs(words: distinct.words, characters: distinct.characters),
                                  rowOfPosition: distinct.rowOfPosition, lengths: lengths, layers: layers)
    }

    /// The emissions `[B, T, K_c]` of a batch of sentences of `lengths` (padded to the longest, `T`)
    /// whose position `b · T + t` has the encoder input `input[rowOfPosition[b · T + t]]`.
    func inferenceEmissions(input: Tensor, rowOfPosition: [Int], lengths: [Int],
                            layers: [Bidirectional<LSTM>]) -> [Tensor] {
        let time = max(1, lengths.max() ?? 1)
        let positions = lengths.count * time
        let layout = PackedSequenceLayout(lengths: lengths, paddedLength: time)
        var input = input
        var projectionRow = rowOfPosition
        var encoded = Tensor.zeros([0])
        for layer in layers {
            let hidden = layer.forward.hiddenSize
            var output = Tensor.zeros([positions, 2 * hidden])
            for (index, direction) in [layer.forward, layer.backward].enumerated() {
                // One direction's projection at a time: `[rows, 4H]` rather than both side by side.
                let projection = Self.affine(input, weight: direction.inputWeight.value, bias: direction.bias.value)
                projection.withUnsafeBufferPointer { p in
                    output.withUnsafeMutableBufferPointer { out in
                        direction.recurrentWeight.value.withUnsafeBufferPointer { u in
                            LSTMInference.run(hiddenSize: hidden, layout: layout, reversed: index == 1,
                                              projection: p.baseAddress!, projectionStride: 4 * hidden,
                                              projectionRow: projectionRow, recurrentWeight: u.baseAddress!,
                                              output: out.baseAddress! + index * hidden, outputStride: 2 * hidden)
                        }
                    }
                }
            }
            input = output
            projectionRow = Array(0..<positions)
            encoded = output
        }
        return heads.map { head in
            let scores = Self.affine(encoded, weight: head.weight.value, bias: head.bias.value)
            return scores.reshaped([lengths.count, time, scores.columnCount])
        }
    }

    /// The encoder's input for each word given by its id `words[i]` and character ids `characters[i]`:
    /// its embedding row and its character features, `[words, d_w + d_c]`. Character features are
    /// computed for groups of at most `characterGroupSize` words of similar length and
    /// `characterGroupPositions` padded characters (one longer word alone may exceed it), so a long
    /// token pads only its own group and a group's buffers stay small (memory and work in proportion
    /// to the characters, not to words × longest word).
    func wordInputs(words wordIDs: [Int], characters characterIDs: [[Int]]) -> Tensor {
        let table = words.table.value
        let wordDimension = table.columnCount
        let featureSize = configuration.characters.kind == .none ? 0
            : configuration.characters.kind == .cnn ? configuration.characters.size : 2 * configuration.characters.size
        let width = wordDimension + featureSize
        var input = Tensor.zeros([wordIDs.count, width])
        input.withUnsafeMutableBufferPointer { x in
            table.withUnsafeBufferPointer { rows in
                for (row, word) in wordIDs.enumerated() {
                    (x.baseAddress! + row * width).update(from: rows.baseAddress! + word * wordDimension, count: wordDimension)
                }
            }
            guard let characters else { return }
            let byLength = characterIDs.indices.sorted { characterIDs[$0].count < characterIDs[$1].count }
            var start = 0
            while start < byLength.count {
                // Lengths only grow along `byLength`, so the last word of a group sets its padded width.
                var end = start + 1
                while end < byLength.count, end - start < Self.characterGroupSize,
                      (end - start + 1) * characterIDs[byLength[end]].count <= Self.characterGroupPositions {
                    end += 1
                }
                let group = Array(byLength[start..<end])
                start = end
                let features = characterFeatures(of: group.map { characterIDs[$0] }, embedding: characters,
                                                  on: Tape(training: false)).value
                features.withUnsafeBufferPointer { f in
                    for (index, row) in group.enumerated() {
                        (x.baseAddress! + row * width + wordDimension)
                            .update(from: f.baseAddress! + index * featureSize, count: featureSize)
                    }
                }
            }
        }
        return input
    }

    /// Distinct words per character-feature group in `wordInputs`.
    private static let characterGroupSize = 256
    /// Padded character positions per character-feature group in `wordInputs` (words × the longest):
    /// the convolution's window matrix is `positions × width · d_char` floats (≈ 0.6 MB for a CNN of
    /// width 3 over 25-dimensional characters), against up to 4 MB for 256 words of 50 characters.
    private static let characterGroupPositions = 2_048

    /// `x Wᵀ + b` for every row of `x` `[rows, in]`, with `W` `[out, in]`: `[rows, out]`.
    private static func affine(_ x: Tensor, weight: Tensor, bias: Tensor) -> Tensor {
        let (rows, outputs) = (x.rowCount, weight.shape[0])
        var result = Tensor.zeros([rows, outputs])
        result.withUnsafeMutableBufferPointer { y in
            x.withUnsafeBufferPointer { input in
                weight.withUnsafeBufferPointer { w in
                    Gemm.multiply(m: rows, n: outputs, k: x.columnCount, input.baseAddress!, lda: x.columnCount,
                                  w.baseAddress!, ldb: x.columnCount, transposeB: true,
                                  beta: 0, into: y.baseAddress!, ldc: outputs)
                }
            }
            bias.withUnsafeBufferPointer { b in
                for row in 0..<rows { VectorMath.add(b.baseAddress!, into: y.baseAddress! + row * outputs, count: outputs) }
            }
        }
        return result
    }
}
