import TagKit

/// The corpus readers as `tagkit train` and `convert` use them.
public enum CorpusFuzzing {
    /// Reads every sentence of `bytes` in `format`, checks that writing them back gives the input
    /// byte for byte (as `SentenceReader` promises), then reads it again as a tagger's training
    /// corpus (NER: tags rewritten into IOB2 and IOBES; CoNLL-U: UPOS, FEATS and XPOS).
    public static func readAll(_ bytes: [UInt8], format: CorpusFormat) throws {
        let reader = SentenceReader(lines: FuzzInput.lines(bytes), format: format)
        var written: [UInt8] = []
        while let sentence = try reader.next() {
            for line in sentence.header { append(line.text, line.ending, to: &written) }
            for token in sentence.tokens {
                _ = token.columns.count
                append(token.text, token.ending, to: &written)
            }
            for line in sentence.trailer { append(line.text, line.ending, to: &written) }
            _ = sentence.startsDocument
            _ = sentence.comments
        }
        FuzzInput.require(written == bytes, "sentences written back differ from the input")

        let corpus = try TaggerCorpus(reader: SentenceReader(lines: FuzzInput.lines(bytes), format: format)) { columnCount in
            format == .conllu ? .morphology(includeXPOS: true) : .entities(format: format, columnCount: columnCount)
        }
        FuzzInput.require(corpus.sentences.allSatisfy { sentence in sentence.labels.allSatisfy { $0.count == sentence.words.count } },
                          "a label column of another length than its words")
        if format != .conllu {
            for scheme in [TagScheme.iob2, .iobes] {
                let converted = try corpus.converting(head: 0, to: scheme)
                FuzzInput.require(zip(converted.sentences, corpus.sentences).allSatisfy { $0.labels[0].count == $1.labels[0].count },
                                  "tag conversion changed a sentence's length")
            }
        }
    }

    private static func append(_ text: String, _ ending: LineEnding, to output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
        switch ending {
        case .lf: output.append(0x0A)
        case .crlf: output.append(contentsOf: [0x0D, 0x0A])
        case .none: break
        }
    }
}
