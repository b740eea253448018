import ArgumentParser
import Foundation
import TagKit

extension TaggedTextFormat: ExpressibleByArgument {}

/// `tagkit tag`: run a trained tagger over a corpus file or raw text.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag a CoNLL / .iob2 / CoNLL-U file, or raw text, with a trained model.",
        discussion: """
            Corpus input streams through in batches (constant memory). An NER model appends its IOB2 tag \
            as a new last column, so `tagkit tag --model m.tagkit test.txt | tagkit eval` scores it; a \
            morphology model writes UPOS and FEATS into their CoNLL-U columns and keeps everything else. \
            `--input text` tokenizes raw text and writes CoNLL-U or JSON Lines with byte offsets and, for \
            NER, entity spans with confidences (CRF marginals). Without --model, the shipped English NER \
            model (models/en-ner.tagkit) is used.
            """)

    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case corpus, text
    }

    @Argument(help: "The input file, or - for standard input.")
    var input: String = "-"

    @Option(help: ArgumentHelp("The model file (default: the shipped English NER model).", valueName: "model"))
    var model: String?

    @Option(name: .customLong("input"), help: "What the input is: a corpus file (one token per line) or raw text.")
    var inputKind: InputKind = .corpus

    @Option(help: "Corpus input format (default: by extension: .conllu, .iob2, else the model's).")
    var format: CorpusFormat?

    @Option(name: .customLong("output-format"), help: "Output layout for --input text.")
    var outputFormat: TaggedTextFormat = .conllu

    @Option(help: "Tokenizer conventions for --input text.")
    var language: Tokenizer.Language = .english

    @Option(name: .shortAndLong, help: "Output file (default: standard output). Replaced only when complete.")
    var output: String?

    @Option(help: "Sentences read and tagged together (sorted by length into batches of at most 128).")
    var batchSize: Int = 128

    @Option(help: "BLAS threads.")
    var threads: Int = 1

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func run() throws {
        Gemm.threadCount = threads
        let tagger = try SequenceTagger.load(from: try model ?? ShippedFiles.path("models/en-ner.tagkit"))
        // What parsing the model freed goes back to the OS; then batches, which allocate and free the
        // same buffers over and over, keep them instead of faulting them in again (30–40 % of a BiLSTM
        // batch, see bench-lstm).
        HeapRetention.returnFreedMemory()
        HeapRetention.keepFreedMemory()
        let sink = try OutputFile(path: output)
        switch inputKind {
        case .corpus:
            let reader = try SentenceReader(path: input, format: format ?? CorpusFormat.recognized(path: input) ?? tagger.configuration.format)
            try CorpusTagging(tagger: tagger, batchSize: batchSize).run(reader: reader, writer: SentenceWriter(output: sink))
        case .text:
            try TextTagging(tagger: tagger, tokenizer: Tokenizer(language: language), format: outputFormat, batchSize: batchSize)
                .run(path: input, output: sink)
        }
        try sink.commit()
    }
}
