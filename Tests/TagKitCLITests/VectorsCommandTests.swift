import Foundation
import Testing
import TagKitTestSupport

@Suite struct VectorsCommandTests {
    private let glove = SharedData.data("embeddings/glove.6B.50d.100k.txt")
    private let ewtText = SharedData.data("embeddings/ewt.w2v.50d.txt")
    private let ewtBinary = SharedData.data("embeddings/ewt.w2v.50d.bin")

    @Test func infoReportsFormatCountDimensionAndMemory() throws {
        let result = try TagKitProcess.run(["vectors", "info", ewtBinary])
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.contains("format: word2vec-binary (detected)"))
        #expect(lines.contains("vectors: 6731"))
        #expect(lines.contains("dimension: 50"))
        #expect(lines.contains("matrix: 1.3 MB (Float32)"))
        #expect(lines.contains { $0.hasPrefix("load time: ") && $0.hasSuffix(" MB/s)") })
    }

    @Test func infoReportsLookupCoverageOfAWordList() throws {
        let words = try SharedData.temporaryDirectory().appendingPathComponent("words.txt")
        try Data("the\nThe\nPARIS\n1999x\nqqzzxq\n".utf8).write(to: words)
        let result = try TagKitProcess.run(["vectors", "info", glove, "--limit", "20000", "--coverage", words.path])
        #expect(result.status == 0)
        // Neither '1999x' nor its digit form '0000x' is among the first 20k GloVe words; nor is 'qqzzxq'.
        let expected = "coverage of \(words.path): found 3 of 5 (exact 1, lowercased 2, digits→0 0, lowercased+digits→0 0), missing 2"
        #expect(result.stdoutText.contains(expected + "\n"))
    }

    // The expected neighbours and cosines are gensim 4.4's `most_similar` on the same rows.
    @Test func nearestMatchesGensim() throws {
        let result = try TagKitProcess.run(["vectors", "nearest", glove, "Paris", "-k", "5", "--limit", "20000"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "france\t0.8025\nbrussels\t0.7796\namsterdam\t0.7770\nfrench\t0.7736\nvienna\t0.7394\n")
        #expect(result.stderr.contains("'Paris' found as 'paris' (lowercased)"))
        let ewt = try TagKitProcess.run(["vectors", "nearest", ewtBinary, "the", "-k", "3"])
        #expect(ewt.stdoutText == "our\t0.9552\nIraq\t0.9540\ndesigned\t0.9501\n")
    }

    @Test func analogyMatchesGensim() throws {
        let result = try TagKitProcess.run(["vectors", "analogy", glove, "man", "king", "woman", "-k", "3", "--limit", "20000"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "queen\t0.8524\nthrone\t0.7664\nprince\t0.7592\n")
    }

    @Test func unknownWordFails() throws {
        let result = try TagKitProcess.run(["vectors", "nearest", ewtText, "zzqxj"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no vector for 'zzqxj'"))
    }

    @Test func convertRoundTripsTextBinaryText() throws {
        let directory = try SharedData.temporaryDirectory()
        let binary = directory.appendingPathComponent("ewt.bin").path
        let text = directory.appendingPathComponent("ewt.txt").path
        let toBinary = try TagKitProcess.run(["vectors", "convert", ewtText, "--to", "word2vec-binary", "-o", binary])
        #expect(toBinary.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: binary)) == Data(contentsOf: URL(fileURLWithPath: ewtBinary)))
        let toText = try TagKitProcess.run(["vectors", "convert", binary, "--to", "word2vec-text", "-o", text])
        #expect(toText.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data(contentsOf: URL(fileURLWithPath: ewtText)))
        let toGlove = try TagKitProcess.run(["vectors", "convert", binary, "--to", "glove", "--limit", "2"])
        #expect(toGlove.stdoutText.split(separator: "\n").count == 2)
        #expect(toGlove.stdoutText.hasPrefix(". -0.75373065 0.6901656 "))
    }

    @Test func convertRestrictedToAWordListKeepsTheReachableRows() throws {
        let directory = try SharedData.temporaryDirectory()
        let words = directory.appendingPathComponent("words.txt")
        try Data("Paris\nthe\nqqzzxq\n2024\n".utf8).write(to: words)
        let result = try TagKitProcess.run(["vectors", "convert", glove, "--limit", "20000", "--restrict-to", words.path,
                                            "--to", "glove"])
        #expect(result.status == 0)
        // Within the first 20k rows: 'the', 'paris' (Paris lowercased) and '0000' (2024 with digits as 0;
        // '2024' itself is row 79,555). The rows keep the file's order.
        let rowWords = result.stdoutText.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(rowWords == ["the", "paris", "0000"])
        let full = try TagKitProcess.run(["vectors", "convert", glove, "--limit", "20000", "--to", "glove"])
        let fullLines = Set(full.stdoutText.split(separator: "\n"))
        #expect(result.stdoutText.split(separator: "\n").allSatisfy { fullLines.contains($0) })
    }

    @Test func badInputFailsWithFileAndLineAndLeavesNoOutput() throws {
        let directory = try SharedData.temporaryDirectory()
        let input = directory.appendingPathComponent("bad.txt")
        try Data("2 3\na 1 2 3\nb 4 five 6\n".utf8).write(to: input)
        let output = directory.appendingPathComponent("out.bin")
        let result = try TagKitProcess.run(["vectors", "convert", input.path, "--to", "word2vec-binary", "-o", output.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(input.path):3: expected value 2 of 3 as a decimal number, found 'five'"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
