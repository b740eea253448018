import ArgumentParser
import TagKit

extension TokenizedTextFormat: ExpressibleByArgument {}
extension Tokenizer.Language: ExpressibleByArgument {}

/// `tagkit tokenize`: split raw text into sentences and tokens.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split raw UTF-8 text into sentences and tokens.",
        discussion: """
            Output formats: tokens (one sentence per line, tokens separated by spaces), json (JSON Lines, \
            one object per sentence with its tokens and their UTF-8 byte offsets into the input), conllu \
            (# text and SpaceAfter=No, so the text can be rebuilt from the words). English clitics are \
            split as Universal Dependencies does (do n't, John 's). A blank line always ends a sentence.
            """)

    @Argument(help: "The input text file, or - for standard input.")
    var input: String = "-"

    @Option(help: "Output format.")
    var format: TokenizedTextFormat = .tokens

    @Option(help: "Language conventions: en (English-EWT) or ru (Russian-GSD).")
    var language: Tokenizer.Language = .english

    @Flag(help: "Normalize token texts to NFC (offsets still refer to the input bytes).")
    var nfc = false

    @Flag(name: .customLong("keep-clitics"),
          help: "Keep English clitics and contractions whole (don't, cannot) instead of splitting them (do n't, can not).")
    var keepsClitics = false

    @Option(name: .shortAndLong, help: "Output file (default: standard output). Replaced only when complete.")
    var output: String?

    func run() throws {
        let tokenizer = Tokenizer(language: language, normalizesToNFC: nfc, splitsClitics: !keepsClitics)
        let sink = try OutputFile(path: output)
        var writer = TokenizedTextWriter(output: sink, format: format)
        try tokenizer.tokenizeFile(path: input) { try writer.write($0) }
        try sink.commit()
    }
}
