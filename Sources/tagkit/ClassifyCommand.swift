import ArgumentParser
import TagKit

/// `tagkit classify`: label texts with a trained text classifier.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Label each line of text with a model from 'tagkit train --task classify'.",
        discussion: """
            Prints one line per input line: the label and its probability, tab-separated; with --json a \
            JSON object holding every label's probability. The text is tokenized as the model was trained.
            """)

    @Option(help: ArgumentHelp("The classifier model.", valueName: "model"))
    var model: String

    @Argument(help: "Texts, one per line ('-' = standard input).")
    var input: String = "-"

    @Option(help: ArgumentHelp("Take the text from this 0-based tab-separated field (-1: the last) instead of the whole line.", valueName: "n"))
    var textColumn: Int?

    @Flag(help: "Print JSON Lines with every label's probability.")
    var json = false

    @Option(name: .shortAndLong, help: "Output file (default: standard output). Replaced only when complete.")
    var output: String?

    func run() throws {
        let classifier = try TextClassifier.load(from: model).model
        let sink = try OutputFile(path: output)
        try classifier.classifyFile(path: input, textColumn: textColumn, format: json ? .json : .text, output: sink)
        try sink.commit()
    }
}
