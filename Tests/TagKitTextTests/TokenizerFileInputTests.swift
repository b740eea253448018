import Foundation
import Testing
import TagKitTestSupport
import TagKitText

/// `Tokenizer.tokenizeFile`: paragraphs, long inputs without blank lines, offsets into the file.
@Suite struct TokenizerFileInputTests {
    private func tokenize(_ content: String) throws -> (bytes: [UInt8], sentences: [TextSentence]) {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("in.txt").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        var sentences: [TextSentence] = []
        try Tokenizer().tokenizeFile(path: path) { sentences.append($0) }
        return (Array(content.utf8), sentences)
    }

    @Test func offsetsPointIntoTheWholeFileAcrossParagraphsAndCRLF() throws {
        let (bytes, sentences) = try tokenize("First one.\r\nSecond, Ёж.\r\n\r\n  Third\n\nFourth 😍")
        #expect(sentences.map(\.text) == ["First one.", "Second, Ёж.", "Third", "Fourth 😍"])
        for token in sentences.flatMap(\.tokens) {
            #expect(String(decoding: bytes[token.utf8Range], as: UTF8.self) == token.text)
        }
    }

    /// 200 KiB without a blank line is cut into pieces at sentence-final line ends: the sentences
    /// and offsets are those of the text as a whole.
    @Test func aLongParagraphIsCutWithoutChangingTheSentences() throws {
        let lines = (0..<6_000).map { "Line \($0) says hello to the tokenizer." }
        let (bytes, sentences) = try tokenize(lines.joined(separator: "\n") + "\n")
        #expect(bytes.count > 200_000)
        #expect(sentences.map(\.text) == lines)
        for token in sentences.flatMap(\.tokens) {
            #expect(String(decoding: bytes[token.utf8Range], as: UTF8.self) == token.text)
        }
    }

    @Test func invalidUTF8NamesTheLineAndTheByteOfTheFile() throws {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("bad.txt").path
        try Data(Array("ok\n\nfine\nbad ".utf8) + [0xE2, 0x28, 0xA1]).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: path, line: 4, byteOffset: 14, expected: "valid UTF-8",
                                   found: "byte 0x28 inside a 3-byte sequence")) {
            try Tokenizer().tokenizeFile(path: path) { _ in }
        }
    }
}
