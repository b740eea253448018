import TagKitTensor
import TagKitText

/// Checks a model file's stored configuration before any layer is built from it.
///
/// A configuration that a layer would reject (a dropout rate outside [0, 1), a size of 0, a
/// vocabulary without `<unk>`) is an error naming the file rather than a crash, and so is one whose
/// layers need more weights than the file stores: such a model could never match the file's tensors,
/// and building it first could ask for any amount of memory. Each layer's weights are at least the
/// product of its sizes (an embedding `rows × d`, a convolution `filters × width × d`, a recurrent
/// layer `hidden × (input + hidden)`, a dense layer `outputs × inputs`); that product must not exceed
/// the number of Float32 values in the file, so building allocates at most a small multiple of the
/// file's size.
struct ModelFileCheck {
    let path: String
    /// The number of Float32 values the file stores.
    let storedValues: Int

    init(path: String, file: SafeTensors) {
        self.path = path
        storedValues = file.tensors.reduce(0) { $0 + $1.tensor.count }
    }

    /// Throws `expected …, found …` about the configuration unless `condition` holds.
    func require(_ condition: Bool, _ expected: @autoclosure () -> String,
                 found: @autoclosure () -> String) throws(TensorFileError) {
        guard condition else {
            throw TensorFileError(path: path, reason: "expected \(expected()) in the model's configuration, found \(found())")
        }
    }

    /// Requires the sizes of `layer` to be positive with a product of at most `storedValues`.
    func requireWeights(_ layer: String, _ sizes: Int...) throws(TensorFileError) {
        let shown = sizes.map(String.init).joined(separator: " × ")
        var product = 1
        for size in sizes {
            try require(size > 0, "positive sizes for \(layer)", found: shown)
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            try require(!overflow && next <= storedValues,
                        "\(layer) to need at most the \(storedValues) values the file stores", found: shown)
            product = next
        }
    }
}

extension TaggerConfiguration {
    /// Checks that this configuration and `vocabularies` build a tagger the file can hold (see `ModelFileCheck`).
    func check(vocabularies: TaggerVocabularies, with check: ModelFileCheck) throws(TensorFileError) {
        try check.require(dropout >= 0 && dropout < 1, "a dropout rate in [0, 1)", found: "\(dropout)")
        try check.require(vocabularies.words.reserved == .padAndUnknown, "a word vocabulary with <pad> and <unk>",
                          found: vocabularies.words.reserved.rawValue)
        try check.require(!vocabularies.labels.isEmpty && vocabularies.labels.count == columns.labels.count,
                          "one label vocabulary per label column (\(columns.labels.count))", found: "\(vocabularies.labels.count)")
        try check.requireWeights("the word embeddings", vocabularies.words.count, words.dimension)
        var inputSize = words.dimension
        if characters.kind != .none {
            try check.require(vocabularies.characters.reserved == .padAndUnknown, "a character vocabulary with <pad> and <unk>",
                              found: vocabularies.characters.reserved.rawValue)
            try check.requireWeights("the character embeddings", vocabularies.characters.count, characters.dimension)
        }
        switch characters.kind {
        case .cnn:
            try check.requireWeights("the character CNN", characters.size, characters.width, characters.dimension)
            inputSize += characters.size
        case .lstm:
            try check.requireWeights("the character BiLSTM", characters.size, characters.dimension + characters.size)
            inputSize += 2 * characters.size
        case .none:
            break
        }
        try check.requireWeights("the word encoder's first layer", encoder.hidden, inputSize + encoder.hidden)
        try check.requireWeights("the word encoder's layers", encoder.layers, encoder.hidden, encoder.hidden)
        for labels in vocabularies.labels {
            try check.requireWeights("an output head", labels.count, 2 * encoder.hidden)
            if output == .crf { try check.requireWeights("a CRF", labels.count, labels.count) }
        }
    }
}

extension TextClassifierConfiguration {
    /// Checks that this configuration, `vocabularies` and a word table `tableWidth` wide build a
    /// classifier the file can hold (see `ModelFileCheck`).
    func check(vocabularies: TextClassifierVocabularies, tableWidth: Int, with check: ModelFileCheck) throws(TensorFileError) {
        try check.require(dropout >= 0 && dropout < 1, "a dropout rate in [0, 1)", found: "\(dropout)")
        try check.require(vocabularies.words.reserved == .padAndUnknown, "a word vocabulary with <pad> and <unk>",
                          found: vocabularies.words.reserved.rawValue)
        try check.requireWeights("the word embeddings", vocabularies.words.count, tableWidth)
        let inputSize = (embeddingMode == .multichannel ? 2 : 1) * tableWidth
        let textSize: Int
        switch modelType {
        case .bag:
            try check.require(hiddenSize >= 0, "a hidden size of 0 or more", found: "\(hiddenSize)")
            if hiddenSize > 0 { try check.requireWeights("the hidden layer", hiddenSize, inputSize) }
            textSize = hiddenSize > 0 ? hiddenSize : inputSize
        case .cnn:
            try check.require(!widths.isEmpty && Set(widths).count == widths.count, "distinct filter widths", found: "\(widths)")
            for width in widths { try check.requireWeights("the convolution of width \(width)", filterCount, width, inputSize) }
            textSize = widths.count * filterCount
        case .rnn:
            try check.requireWeights("the recurrent encoder", recurrentHiddenSize, inputSize + recurrentHiddenSize)
            textSize = 2 * recurrentHiddenSize
        }
        try check.requireWeights("the output layer", vocabularies.labels.count, textSize)
    }
}
