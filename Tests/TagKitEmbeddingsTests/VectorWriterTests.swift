import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEmbeddings

@Suite struct VectorWriterTests {
    private func written(_ vectors: WordVectors, _ format: VectorFormat, rowEnd: BinaryRowEnd = .none,
                         layout: DecimalLayout = .scientificBelow1e4) throws -> [UInt8] {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("out").path
        let output = try OutputFile(path: path)
        try vectors.write(to: output, format: format, rowEnd: rowEnd, layout: layout)
        try output.commit()
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func bytes(_ path: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The first `lines` lines of `path` after skipping `skip`, with their newlines.
    private func lines(_ path: String, skip: Int = 0, count: Int) throws -> [UInt8] {
        let all = try bytes(path)
        var newlines = 0
        var start = 0
        for (index, byte) in all.enumerated() where byte == 0x0A {
            newlines += 1
            if newlines == skip { start = index + 1 }
            if newlines == skip + count { return Array(all[start...index]) }
        }
        return Array(all[start...])
    }

    @Test func sharedWord2vecFilesRoundTripByteForByte() throws {
        let (text, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtText)
        let (binary, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtBinary)
        #expect(try written(text, .word2vecText) == bytes(VectorFixtures.ewtText))
        #expect(try written(binary, .word2vecBinary) == bytes(VectorFixtures.ewtBinary))
        // Across formats: gensim's text and binary files hold the same float32 values.
        #expect(try written(text, .word2vecBinary) == bytes(VectorFixtures.ewtBinary))
        #expect(try written(binary, .word2vecText) == bytes(VectorFixtures.ewtText))
        let (fastText, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtFastText)
        #expect(try written(fastText, .word2vecText) == bytes(VectorFixtures.ewtFastText))
    }

    @Test func gloveTextToBinaryToTextIsByteIdentical() throws {
        let rows = 20_000
        let (glove, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: rows))
        let binaryPath = try VectorFixtures.write(try written(glove, .word2vecBinary), name: "glove.bin")
        let (fromBinary, report) = try WordVectors.load(contentsOf: binaryPath)
        #expect(report.format == .word2vecBinary)
        #expect(try written(fromBinary, .glove) == lines(VectorFixtures.glove, count: rows))
    }

    @Test func navecRowsRoundTrip() throws {
        let path = SharedData.data("embeddings/navec.ru.10k.txt")
        let (navec, _) = try WordVectors.load(contentsOf: path, options: VectorLoadOptions(limit: 1000))
        #expect(navec.dimension == 300 && navec.words.word(at: 0) == "в")
        #expect(try written(navec, .glove, layout: .positional) == lines(path, skip: 1, count: 1000))
        #expect(try written(navec, .glove) != lines(path, skip: 1, count: 1000))
    }

    @Test func theCLayoutAddsANewlinePerVector() throws {
        let vectors = WordVectors(words: WordTable(["a", "bé"]), values: [1, -2, 0.5, 3e-5], dimension: 2)
        let expected = VectorFixtures.binary([("a", [1, -2]), ("bé", [0.5, 3e-5])], dimension: 2, newline: true)
        #expect(try written(vectors, .word2vecBinary, rowEnd: .newline) == expected)
    }

    @Test func shortestTextLayout() {
        let cases: [(Float, String)] = [
            (0.418, "0.418"), (-1, "-1"), (0, "0"), (-0.0, "-0"), (2, "2"), (100_000, "100000"),
            (5.27e-05, "5.27e-05"), (-1.16315705e-05, "-1.16315705e-05"), (1e-4, "1e-04"), (0.00066023, "0.00066023"),
            (1e16, "10000000000000000"), (Float.leastNonzeroMagnitude, "1e-45"), (1.5e-40, "1.5e-40"),
            (12.5, "12.5"), (Float.greatestFiniteMagnitude, "340282350000000000000000000000000000000"),
        ]
        for (value, text) in cases {
            #expect(ShortestFloatText.string(value) == text, "\(value)")
        }
        #expect(ShortestFloatText.string(-3.4118773e-06, layout: .positional) == "-0.0000034118773")
        #expect(ShortestFloatText.string(0.25, layout: .positional) == "0.25")
    }

    @Test func shortestTextReadsBackToTheSameFloat() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let value = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            guard value.isFinite else { continue }
            let text = ShortestFloatText.string(value)
            #expect(text.withCString { strtof($0, nil) }.bitPattern == value.bitPattern, "\(text)")
        }
    }
}
