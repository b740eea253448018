import TagKitNN
import TagKitTensor

/// Tape-free tagging of batches drawn from one `WordForms`: the encoder input of every form (its
/// embedding row and character features) is computed once, and each batch gathers the rows of its
/// own distinct forms, found through an array indexed by form instead of a hash of characters.
/// The table of inputs takes `forms × (d_w + d_c)` floats (80 per form for R1), on top of one batch's
/// working set.
struct FormInference {
    private let tagger: SequenceTagger
    private let layers: [Bidirectional<LSTM>]
    private let forms: WordForms
    /// The encoder input of each form, `[forms, d_w + d_c]`.
    private let inputs: Tensor
    /// Scratch: for each form, its row among the current batch's distinct forms (-1: not in the batch).
    private var batchRow: [Int]

    /// `nil` unless the tagger's encoder is a stack of bidirectional LSTMs.
    init?(_ tagger: SequenceTagger, forms: WordForms) {
        guard let layers = tagger.inferenceLayers else { return nil }
        self.tagger = tagger
        self.layers = layers
        self.forms = forms
        inputs = tagger.wordInputs(words: forms.words, characters: forms.characters)
        batchRow = [Int](repeating: -1, count: forms.words.count)
    }

    /// The emissions of every head `[B, T, K_c]` for the sentences `batch` (indices into
    /// `forms.sentences`), equal to `tagger.inferenceEmissions` of those sentences.
    mutating func emissions(_ batch: [Int]) -> [Tensor] {
        let lengths = batch.map { forms.sentences[$0].count }
        let time = max(1, lengths.max() ?? 1)
        var distinct: [Int] = []
        var rowOfPosition = [Int](repeating: 0, count: batch.count * time)
        for (b, sentence) in batch.enumerated() {
            for (t, form) in forms.sentences[sentence].enumerated() {
                if batchRow[form] < 0 {
                    batchRow[form] = distinct.count
                    distinct.append(form)
                }
                rowOfPosition[b * time + t] = batchRow[form]
            }
        }
        for form in distinct { batchRow[form] = -1 }
        let width = inputs.columnCount
        var input = Tensor.zeros([distinct.count, width])
        input.withUnsafeMutableBufferPointer { x in
            inputs.withUnsafeBufferPointer { table in
                for (row, form) in distinct.enumerated() {
                    (x.baseAddress! + row * width).update(from: table.baseAddress! + form * width, count: width)
                }
            }
        }
        return tagger.inferenceEmissions(input: input, rowOfPosition: rowOfPosition, lengths: lengths, layers: layers)
    }
}
