/// Writes sentences back in the layout they were read in (see `SentenceReader`).
public struct SentenceWriter {
    private let output: OutputFile

    public init(output: OutputFile) {
        self.output = output
    }

    /// Writes the header, token and trailer lines of `sentence`, each with its own line ending.
    public func write(_ sentence: Sentence) throws {
        for line in sentence.header { try writeLine(line.text, line.ending) }
        for token in sentence.tokens { try writeLine(token.text, token.ending) }
        for line in sentence.trailer { try writeLine(line.text, line.ending) }
    }

    private func writeLine(_ text: String, _ ending: LineEnding) throws {
        try output.write(text)
        switch ending {
        case .lf: try output.write(CollectionOfOne(0x0A))
        case .crlf: try output.write([0x0D, 0x0A])
        case .none: break
        }
    }
}
