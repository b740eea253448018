import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEmbeddings

@Suite struct BadVectorInputTests {
    @Test func truncatedBinaryFileNamesTheByteOffsetAndTheMissingBytes() throws {
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: VectorFixtures.ewtBinary)))
        // Header "6731 50\n" (8 bytes), then ". " + 200 bytes, then "the " + 200 bytes: cut inside "the"'s values.
        let cut = 8 + 2 + 200 + 4 + 150
        let path = try VectorFixtures.write(Array(whole[..<cut]), name: "cut.bin")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.file == path && error.line == nil)
        #expect(error.byteOffset == 8 + 2 + 200 + 4)
        #expect(error.expected == "200 bytes of values for 'the' (vector 2 of 6731)")
        #expect(error.found == "150 bytes before the end of the file")
    }

    @Test func binaryFileEndingBeforeTheHeaderCount() throws {
        let rows: [(String, [Float])] = [("a", [1, 2]), ("b", [3, 4])]
        let path = try VectorFixtures.write(VectorFixtures.binary(rows, dimension: 2, count: 3, newline: true), name: "short.bin")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.expected == "3 vectors as the header says")
        #expect(error.found == "the end of the file after 2 vectors")
    }

    @Test func binaryFileWithMoreThanTheHeaderCount() throws {
        let rows: [(String, [Float])] = [("a", [1, 2]), ("b", [3, 4])]
        let path = try VectorFixtures.write(VectorFixtures.binary(rows, dimension: 2, count: 1, newline: false), name: "long.bin")
        let error = try #require(VectorFixtures.loadError(path, VectorLoadOptions(format: .word2vecBinary)))
        #expect(error.byteOffset == 4 + 2 + 8)
        #expect(error.expected == "the end of the file after 1 vectors as the header says")
    }

    @Test func binaryHeaderWithTheWrongDimensionIsCaught() throws {
        let path = try VectorFixtures.write(
            Array("6731 49".utf8) + Array(try Data(contentsOf: URL(fileURLWithPath: VectorFixtures.ewtBinary)).dropFirst(7)),
            name: "dim.bin")
        #expect(VectorFixtures.loadError(path, VectorLoadOptions(format: .word2vecBinary)) != nil)
    }

    @Test func absurdHeaderDimensionIsRefusedBeforeAllocating() throws {
        let path = try VectorFixtures.write("3 900000000000\na 1 2\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 1)
        #expect(error.expected == "a dimension of at most 1048576")
    }

    @Test func rowWithTooFewValues() throws {
        let path = try VectorFixtures.write("a 1 2 3\nb 4 5 6\nc 7 8\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 3)
        #expect(error.expected == "a word and 3 values")
        #expect(error.found == "3 fields")
    }

    @Test func rowWithTooManyValues() throws {
        let path = try VectorFixtures.write("2 3\na 1 2 3\nb 4 5 6 7\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 3)
        #expect(error.expected == "a word and 3 values")
        #expect(error.found == "4 values")
    }

    @Test func textHeaderPromisingMoreRows() throws {
        let path = try VectorFixtures.write("3 2\na 1 2\nb 3 4\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 4)
        #expect(error.expected == "3 rows as the header says")
        #expect(error.found == "the end of the file after 2 rows")
        // A limit below the header's count reads only the rows asked for.
        let (vectors, _) = try WordVectors.load(contentsOf: path, options: VectorLoadOptions(limit: 2))
        #expect(vectors.count == 2)
    }

    @Test func textHeaderPromisingFewerRows() throws {
        let path = try VectorFixtures.write("1 2\na 1 2\nb 3 4\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 3)
        #expect(error.expected == "the end of the file after 1 rows as the header says")
    }

    @Test func textHeaderWithTheWrongDimension() throws {
        let path = try VectorFixtures.write("2 4\na 1 2 3\nb 4 5 6\n", name: "dim.txt")
        for format in [VectorFormat.word2vecText, nil] {
            let error = try #require(VectorFixtures.loadError(path, VectorLoadOptions(format: format)))
            #expect(error.line == 2)
            #expect(error.expected == "a word and 4 values")
            #expect(error.found == "4 fields")
        }
    }

    @Test func nonNumericValue() throws {
        let path = try VectorFixtures.write("the 0.1 0.2\nof 0.3 x0.4\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.description == "\(path):2: expected value 2 of 2 as a decimal number, found 'x0.4'")
    }

    @Test func valuesBeyondFloat32AreErrors() throws {
        let path = try VectorFixtures.write("the 0.1 0.2\nof 0.3 1e39\n")
        let error = try #require(VectorFixtures.loadError(path))
        #expect(error.line == 2)
        #expect(error.found == "'1e39'")
        #expect(error.expected.contains("Float32 range"))
        let nan = try VectorFixtures.write("the 0.1 nan\n")
        #expect(VectorFixtures.loadError(nan)?.found == "'nan'")
    }

    @Test func emptyLinesAndMissingHeaders() throws {
        let blank = try VectorFixtures.write("the 0.1 0.2\n\nof 0.3 0.4\n")
        #expect(VectorFixtures.loadError(blank)?.line == 2)
        #expect(VectorFixtures.loadError(blank)?.found == "an empty line")
        let noHeader = try VectorFixtures.write("the 0.1 0.2\n")
        let error = VectorFixtures.loadError(noHeader, VectorLoadOptions(format: .word2vecText))
        #expect(error?.line == 1)
        #expect(error?.expected == "a header line 'COUNT DIM' with DIM > 0")
        let lone = try VectorFixtures.write("word\n")
        #expect(VectorFixtures.loadError(lone)?.expected == "a word followed by its values (GloVe)")
    }

    @Test func aMissingFileIsAFileError() {
        #expect(throws: FileError.self) {
            _ = try WordVectors.load(contentsOf: "/nonexistent/vectors.txt")
        }
    }
}

@Suite struct DamagedVectorFileTests {
    private let rows: [(String, [Float])] = (0..<12).map { row in
        ("w\(row)é", (0..<4).map { Float(row) * 0.37 - Float($0) * 1.25e-3 })
    }

    private let directory: URL

    init() throws {
        directory = try SharedData.temporaryDirectory()
    }

    /// Loading must either succeed or throw `InputError`; any other outcome (a crash) fails the run.
    private func expectLoadsOrReportsInputError(_ bytes: [UInt8], format: VectorFormat?) throws {
        let path = try VectorFixtures.write(bytes, name: "damaged", in: directory)
        do {
            let (vectors, _) = try WordVectors.load(contentsOf: path, options: VectorLoadOptions(format: format))
            #expect(vectors.values.count == vectors.count * vectors.dimension)
        } catch is InputError {
        }
    }

    @Test func everyTruncationOfABinaryFileIsReadOrReported() throws {
        let whole = VectorFixtures.binary(rows, dimension: 4, newline: true)
        for length in 0..<whole.count {
            try expectLoadsOrReportsInputError(Array(whole[..<length]), format: nil)
        }
    }

    @Test func randomlyCorruptedFilesAreReadOrReported() throws {
        let binary = VectorFixtures.binary(rows, dimension: 4, newline: false)
        var text: [UInt8] = Array("12 4\n".utf8)
        for (word, values) in rows {
            text += Array((word + values.map { " \($0)" }.joined() + "\n").utf8)
        }
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<150 {
            for (original, format) in [(binary, VectorFormat?.none), (text, nil), (text, .glove), (binary, .word2vecText)] {
                var damaged = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<damaged.count, using: &generator)
                    damaged[position] = [0x20, 0x0A, 0x2D, 0x2E, 0x65, 0x31, 0xFF, 0x00].randomElement(using: &generator)!
                }
                try expectLoadsOrReportsInputError(damaged, format: format)
            }
        }
    }
}
