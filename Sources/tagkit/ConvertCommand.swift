import ArgumentParser
import TagKit

extension CorpusFormat: ExpressibleByArgument {}
extension TagScheme: ExpressibleByArgument {}

/// `tagkit convert`: copy a corpus file, optionally rewriting its tag column in another scheme.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Copy a CoNLL / .iob2 / CoNLL-U file, optionally rewriting its tags in another scheme.",
        discussion: """
            Without --to-scheme the output is byte-identical to the input. With it, the tag column is \
            decoded into spans (leniently, as conlleval does: an I- after O starts a span) and written \
            again in the target scheme; every other byte is kept.
            """)

    @Argument(help: "The input file, or - for standard input.")
    var input: String = "-"

    @Option(help: "Input format (default: by extension: .conllu, .iob2, else conll).")
    var format: CorpusFormat?

    @Option(name: .customLong("to-scheme"), help: "Rewrite the tags in this scheme.")
    var targetScheme: TagScheme?

    @Option(name: .customLong("from-scheme"), help: "The scheme of the input tags (default: any of them).")
    var sourceScheme: TagScheme?

    @Option(name: .customLong("tag-column"), help: "1-based column holding the tags (default: the last; .iob2: 3).")
    var tagColumn: Int?

    @Option(name: .shortAndLong, help: "Output file (default: standard output). Replaced only when complete.")
    var output: String?

    func validate() throws {
        if let tagColumn, tagColumn < 1 { throw ValidationError("--tag-column is 1-based: give 1 or more.") }
        if sourceScheme != nil, targetScheme == nil { throw ValidationError("--from-scheme needs --to-scheme.") }
    }

    func run() throws {
        let reader = try SentenceReader(path: input, format: format)
        let sink = try OutputFile(path: output)
        let writer = SentenceWriter(output: sink)
        while var sentence = try reader.next() {
            if let targetScheme, let columnCount = reader.columnCount {
                guard let column = tagColumn.map({ $0 - 1 }) ?? reader.format.defaultTagColumn(columnCount: columnCount) else {
                    throw ValidationError("\(reader.format.rawValue) files have no tag column by default: give --tag-column.")
                }
                try sentence.convertTags(column: column, from: sourceScheme, to: targetScheme, file: reader.name)
            }
            try writer.write(sentence)
        }
        try sink.commit()
    }
}
