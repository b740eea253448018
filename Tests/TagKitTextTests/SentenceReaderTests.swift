import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct SentenceReaderTests {
    /// Writes `text` to a temporary file named `name` and reads it.
    private func read(_ text: String, name: String = "input.txt", format: CorpusFormat? = nil) throws -> [Sentence] {
        try read(bytes: Array(text.utf8), name: name, format: format)
    }

    private func read(bytes: [UInt8], name: String = "input.txt", format: CorpusFormat? = nil) throws -> [Sentence] {
        let path = try SharedData.temporaryDirectory().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try SentenceReader(path: path, format: format).readAll()
    }

    /// Writes sentences to a string through the real writer.
    private func written(_ sentences: [Sentence]) throws -> String {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("out").path
        let output = try OutputFile(path: path)
        for sentence in sentences { try SentenceWriter(output: output).write(sentence) }
        try output.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Awkward but valid layouts, each of which must read and write back unchanged.
    static let layouts = [
        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n",
        "-DOCSTART- O\nPeter B-PER\n-DOCSTART- O\nBlackburn I-PER\n",
        "\n\n  \nA O\n\t\n\n\nB B-LOC\n",
        "A O\r\nB B-PER\r\n\r\nC O\nD O",
        "A  B-PER\ntrailing O \nC\tO\n\n",
        "#\tO\n@\tB-ORG\nname\tI-ORG\n",
    ]

    @Test(arguments: layouts)
    func awkwardLayoutsRoundTrip(text: String) throws {
        #expect(try written(read(text)) == text)
    }

    @Test func docstartWithAndWithoutBlankLine() throws {
        let sentences = try read("-DOCSTART- O\n\nA B-PER\n\n-DOCSTART- O\nB O\nC O\n")
        #expect(sentences.count == 3)
        #expect(sentences[0].startsDocument && sentences[0].tokens.isEmpty)
        #expect(sentences[1].column(1) == ["B-PER"])
        #expect(sentences[2].startsDocument && sentences[2].column(0) == ["B", "C"])
        #expect(sentences[2].trailer.isEmpty)
    }

    @Test func hashIsATokenInCoNLLButACommentInIOB2() throws {
        let conll = try read("#\tO\nx\tO\n")
        #expect(conll[0].tokens.count == 2)
        let iob2 = try read("# sent_id = 1\n1\tHi\tO\t-\t-\n\n", name: "x.iob2")
        #expect(iob2[0].comment("sent_id") == "1")
        #expect(iob2[0].column(2) == ["O"])
    }

    @Test func coNLLUKeepsRangesEmptyNodesAndSpacesInForms() throws {
        let text = "# text = 600 000 don't\n1\t600 000\t600 000\tNUM\t_\t_\t0\troot\t_\t_\n"
            + "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t1\taux\t_\t_\n"
            + "3\tn't\tnot\tPART\t_\t_\t1\tadvmod\t_\t_\n3.1\tx\tx\tX\t_\t_\t_\t_\t1:dep\t_\n\n"
        let sentences = try read(text, name: "x.conllu")
        #expect(sentences.count == 1)
        #expect(sentences[0].comment("text") == "600 000 don't")
        #expect(sentences[0].tokens.map { WordID($0.columns[0])! } == [.word(1), .range(2, 3), .word(2), .word(3), .empty(3, 1)])
        #expect(sentences[0].tokens[0].columns[1] == "600 000")
        #expect(try written(sentences) == text)
    }

    @Test func raggedLineNamesFileLineAndCounts() throws {
        #expect {
            try read("A NNP B-PER\nB I-PER\n", name: "ragged.txt")
        } throws: { error in
            let message = "\(error)"
            return message.contains("ragged.txt:2:") && message.contains("expected 3 columns as on line 1")
                && message.contains("found 2")
        }
    }

    @Test func nineColumnCoNLLULineIsAnError() throws {
        #expect {
            try read("1\ta\ta\tX\t_\t_\t0\troot\t_\n", name: "short.conllu")
        } throws: { error in
            "\(error)".contains("short.conllu:1: expected 10 tab-separated columns (CoNLL-U), found 9")
        }
    }

    @Test func malformedCoNLLUIDIsAnError() throws {
        #expect {
            try read("1-\ta\ta\tX\t_\t_\t0\troot\t_\t_\n", name: "id.conllu")
        } throws: { error in "\(error)".contains("id.conllu:1: expected a CoNLL-U ID") }
    }

    @Test func invalidUTF8NamesTheByte() throws {
        #expect {
            try read(bytes: Array("A O\nB".utf8) + [0xC3, 0x28] + Array(" O\n".utf8), name: "bad.txt")
        } throws: { error in "\(error)".hasSuffix("bad.txt:2: expected UTF-8 text, found the invalid byte 0xC3 at byte 2 of the line") }
    }

    @Test func nulByteIsAnError() throws {
        #expect {
            try read(bytes: Array("A O\nB\0 O\n".utf8), name: "nul.txt")
        } throws: { error in "\(error)".contains("nul.txt:2: expected text, found a NUL byte") }
    }

    @Test func invalidUTF8DetectorAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in
                [UInt8(0x41), 0x80, 0xBF, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xA0, 0x90, 0x9F].randomElement(using: &generator)!
            }
            let valid = bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) == nil }
            #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
