import Foundation
import Testing
import TagKitTestSupport

@Suite struct TokenizeCommandTests {
    /// The `# text` lines of the first `count` sentences of a UD file.
    private func texts(_ relative: String, _ count: Int) throws -> [String] {
        let content = try String(contentsOfFile: SharedData.data(relative), encoding: .utf8)
        let prefix = "# text = "
        return content.split(separator: "\n").lazy.filter { $0.hasPrefix(prefix) }.prefix(count)
            .map { String($0.dropFirst(prefix.count)) }
    }

    /// The sentences of CoNLL-U text as (`# text` value, [(FORM, MISC)]).
    private func conlluSentences(_ content: String) -> [(text: String?, words: [(form: String, misc: String)])] {
        var sentences: [(text: String?, words: [(form: String, misc: String)])] = []
        for block in content.components(separatedBy: "\n\n") where !block.isEmpty {
            var text: String?
            var words: [(form: String, misc: String)] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("# text = ") {
                    text = String(line.dropFirst("# text = ".count))
                } else if !line.hasPrefix("#") {
                    let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                    if columns.count == 10 { words.append((String(columns[1]), String(columns[9]))) }
                }
            }
            sentences.append((text, words))
        }
        return sentences
    }

    @Test func tokensFormatIsOneSentencePerLine() throws {
        let result = try TagKitProcess.run(["tokenize", "-"], stdin: Data("I don't know. Dr. Smith does!\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == "I do n't know .\nDr. Smith does !\n")
        let kept = try TagKitProcess.run(["tokenize", "--keep-clitics"], stdin: Data("I don't know.".utf8))
        #expect(kept.stdoutText == "I don't know .\n")
    }

    @Test func russianConventions() throws {
        let result = try TagKitProcess.run(["tokenize", "--language", "ru"], stdin: Data("Это было в 1990 г. Т.е. давно-давно.".utf8))
        #expect(result.stdoutText == "Это было в 1990 г. Т.е. давно-давно .\n")
    }

    /// CoNLL-U output: the words with their SpaceAfter=No rebuild every `# text` line, and all the
    /// words together rebuild the whole input (its blank lines made single spaces).
    @Test func conlluRebuildsTheText() throws {
        let input = try texts("ud/en_ewt/en_ewt-ud-dev.conllu", 60).map {
            $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let directory = try SharedData.temporaryDirectory()
        let inputPath = directory.appendingPathComponent("in.txt").path
        let outputPath = directory.appendingPathComponent("out.conllu").path
        try Data(input.joined(separator: "\n\n").utf8).write(to: URL(fileURLWithPath: inputPath))
        let result = try TagKitProcess.run(["tokenize", inputPath, "--format", "conllu", "-o", outputPath])
        #expect(result.status == 0, "\(result.stderr)")
        let sentences = conlluSentences(try String(contentsOfFile: outputPath, encoding: .utf8))
        var document = ""
        for sentence in sentences {
            var rebuilt = ""
            for word in sentence.words {
                rebuilt += word.form + (word.misc == "SpaceAfter=No" ? "" : " ")
            }
            document += rebuilt
            let text = try #require(sentence.text)
            #expect(rebuilt.hasSuffix(" ") ? String(rebuilt.dropLast()) == text : rebuilt == text)
        }
        #expect(document == input.joined(separator: " "))
        #expect(sentences.count >= input.count)
    }

    /// JSON Lines output: every token's UTF-8 byte range selects its text in the input.
    @Test func jsonOffsetsPointIntoTheInput() throws {
        let input = try texts("ud/ru_taiga/ru_taiga-ud-dev.conllu", 80).joined(separator: "\r\n")
        let bytes = Array(input.utf8)
        let result = try TagKitProcess.run(["tokenize", "--format", "json", "--language", "ru"], stdin: Data(bytes))
        #expect(result.status == 0, "\(result.stderr)")
        var tokenCount = 0
        for line in result.stdoutText.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let tokens = try #require(object["tokens"] as? [[String: Any]])
            for token in tokens {
                let start = try #require(token["utf8Start"] as? Int), end = try #require(token["utf8End"] as? Int)
                #expect(String(decoding: bytes[start..<end], as: UTF8.self) == token["text"] as? String)
                tokenCount += 1
            }
        }
        #expect(tokenCount > 500)
    }

    @Test func invalidUTF8FailsNamingTheByteAndLeavesTheOutputAlone() throws {
        let directory = try SharedData.temporaryDirectory()
        let input = directory.appendingPathComponent("bad.txt")
        try Data([0x6F, 0x6B, 0x0A, 0x0A, 0x61, 0x20, 0xFF, 0x62, 0x0A]).write(to: input)
        let output = directory.appendingPathComponent("out.txt")
        try Data("keep me".utf8).write(to: output)
        let result = try TagKitProcess.run(["tokenize", input.path, "-o", output.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.txt:3: byte 6: expected valid UTF-8, found byte 0xFF"), "\(result.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me")
    }
}
