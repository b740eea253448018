import ArgumentParser
import Foundation
import TagKit

extension TaggerConfiguration.CharacterFeatures.Kind: ExpressibleByArgument {}
extension TaggerConfiguration.Encoder.Cell: ExpressibleByArgument {}
extension TaggerConfiguration.Output: ExpressibleByArgument {}

/// The options of `tagkit train --task ner|morph`; the defaults are the R1 tagger.
struct TaggerOptions: ParsableArguments {
    @Option(help: "Corpus format (default: by the training file's extension: .conllu, .iob2, else conll).")
    var format: CorpusFormat?

    @Option(help: "NER: 1-based column of the tags (default: the last; .iob2: 3).")
    var tagColumn: Int?

    @Option(help: "NER: the scheme tags are learned in (input is read in any IOB scheme; output is IOB2).")
    var tagScheme: TagScheme = .iob2

    @Option(help: ArgumentHelp("NER: keep only these entity types, comma-separated (others become O).", valueName: "types"))
    var entityTypes: String?

    @Flag(help: "Morphology: also predict XPOS.")
    var xpos = false

    @Option(help: "Word embedding width (ignored with --embeddings: the vectors' width is used).")
    var wordDim: Int = 50

    @Flag(help: "Keep pretrained word vectors frozen (default: fine-tuned).")
    var freezeEmbeddings = false

    @Option(help: "How many of the vector file's first words join the vocabulary besides the corpus words.")
    var pretrainedVocabulary: Int = 20_000

    @Option(help: "Character features of each word.")
    var charFeatures: TaggerConfiguration.CharacterFeatures.Kind = .cnn

    @Option(help: "Character embedding width.")
    var charDim: Int = 25

    @Option(help: "Character CNN filters, or character BiLSTM units per direction.")
    var charSize: Int = 30

    @Option(help: "Character CNN filter width.")
    var charWidth: Int = 3

    @Option(help: "Recurrent cell of the word encoder.")
    var cell: TaggerConfiguration.Encoder.Cell = .lstm

    @Option(help: "Word encoder units per direction (taggers).")
    var hiddenSize: Int = 100

    @Option(help: "Stacked bidirectional layers.")
    var layers: Int = 1

    @Option(help: "Output layer.")
    var outputLayer: TaggerConfiguration.Output = .crf

    func validate() throws {
        for (name, value) in [("--word-dim", wordDim), ("--char-dim", charDim), ("--char-size", charSize),
                              ("--char-width", charWidth), ("--hidden-size", hiddenSize), ("--layers", layers)] where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
        if let tagColumn, tagColumn < 1 { throw ValidationError("--tag-column is 1-based: give 1 or more.") }
        if pretrainedVocabulary < 0 { throw ValidationError("--pretrained-vocabulary must be 0 or more.") }
    }

    /// The architecture these options describe, with `dropout` (R1: 0.5).
    func architecture(task: TaggerConfiguration.Task, dropout: Float?) -> TaggerConfiguration {
        var configuration = TaggerConfiguration(format: format ?? .conll, task: task, columns: .morphology(includeXPOS: xpos),
                                                trainingScheme: task == .ner ? tagScheme : nil)
        configuration.words.dimension = wordDim
        configuration.words.fineTune = !freezeEmbeddings
        configuration.characters.kind = charFeatures
        configuration.characters.dimension = charDim
        configuration.characters.size = charSize
        configuration.characters.width = charWidth
        configuration.encoder.cell = cell
        configuration.encoder.hidden = hiddenSize
        configuration.encoder.layers = layers
        configuration.output = outputLayer
        if let dropout { configuration.dropout = dropout }
        return configuration
    }

    /// The entity types to keep, if restricted.
    var keptTypes: Set<String>? {
        entityTypes.map { Set($0.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) }) }
    }
}
