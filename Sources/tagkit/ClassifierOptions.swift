import ArgumentParser
import TagKit

extension TextClassifierConfiguration.ModelType: ExpressibleByArgument {}
extension TextClassifierConfiguration.RecurrentCellKind: ExpressibleByArgument {}
extension TextClassifierConfiguration.RecurrentPooling: ExpressibleByArgument {}
extension SequencePooling: ExpressibleByArgument {}

extension TextClassifierConfiguration.EmbeddingMode: EnumerableFlag {
    public static func help(for value: Self) -> ArgumentHelp? {
        switch value {
        case .rand: "Random word vectors U(-0.25, 0.25), trained (the default)."
        case .static: "Pretrained vectors (--embeddings), frozen."
        case .nonStatic: "Pretrained vectors (--embeddings), fine-tuned."
        case .multichannel: "Two channels from --embeddings, one frozen and one fine-tuned."
        }
    }
}

/// The options of `tagkit train --task classify`.
struct ClassifierOptions: ParsableArguments {
    @Option(help: "Text encoder: bag of embeddings, Kim CNN, or bidirectional RNN.")
    var modelType: TextClassifierConfiguration.ModelType = .cnn

    @Flag(help: "Word vectors.")
    var embeddingMode: TextClassifierConfiguration.EmbeddingMode = .rand

    @Option(help: "Bag of embeddings: pooling of the word vectors.")
    var pooling: SequencePooling = .mean

    @Option(help: "Bag of embeddings: size of a ReLU hidden layer after pooling (0: none).")
    var hidden: Int = 0

    @Option(help: ArgumentHelp("CNN filter widths, comma-separated.", valueName: "list"))
    var widths: String = "3,4,5"

    @Option(help: "CNN filters per width.")
    var filters: Int = 100

    @Option(help: "RNN cell.")
    var rnnCell: TextClassifierConfiguration.RecurrentCellKind = .lstm

    @Option(help: "RNN hidden size per direction.")
    var rnnHidden: Int = 100

    @Option(help: "RNN text vector: both directions' last states, or the max over positions.")
    var rnnPooling: TextClassifierConfiguration.RecurrentPooling = .max

    @Option(help: "Word-vector size with --rand (pretrained vectors set their own).")
    var embeddingDimension: Int = 300

    @Option(help: "Kim's max-norm on the output weight rows (0: off).")
    var maxNorm: Float = 3

    @Option(help: ArgumentHelp("0-based column of the label.", valueName: "n"))
    var labelColumn: Int = 0

    @Option(help: ArgumentHelp("0-based column of the text (-1: the last).", valueName: "n"))
    var textColumn: Int = -1

    @Flag(help: "The text is already tokenized: split on spaces instead of running TagKit's tokenizer.")
    var pretokenized = false

    func validate() throws {
        if parsedWidths == nil { throw ValidationError("--widths takes positive integers separated by commas, e.g. 3,4,5.") }
        if filters < 1 || rnnHidden < 1 || embeddingDimension < 1 || hidden < 0 {
            throw ValidationError("--filters, --rnn-hidden and --embedding-dimension must be positive, --hidden not negative.")
        }
        if labelColumn < 0 { throw ValidationError("--label-column counts from 0.") }
    }

    private var parsedWidths: [Int]? {
        let values = widths.split(separator: ",").map { Int($0.trimmingPrefix(" ")) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.map { $0! }
    }

    /// The model's configuration.
    func configuration(dropout: Float?) -> TextClassifierConfiguration {
        var configuration = TextClassifierConfiguration()
        configuration.modelType = modelType
        configuration.embeddingMode = embeddingMode
        configuration.embeddingDimension = embeddingDimension
        configuration.tokenization = pretokenized ? .whitespace : .tagkit
        configuration.pooling = pooling
        configuration.hiddenSize = hidden
        configuration.widths = parsedWidths ?? configuration.widths
        configuration.filterCount = filters
        configuration.recurrentCell = rnnCell
        configuration.recurrentHiddenSize = rnnHidden
        configuration.recurrentPooling = rnnPooling
        configuration.maximumOutputRowNorm = maxNorm
        if let dropout { configuration.dropout = dropout }
        return configuration
    }

    var reader: LabeledTextReader { LabeledTextReader(labelColumn: labelColumn, textColumn: textColumn) }
}
