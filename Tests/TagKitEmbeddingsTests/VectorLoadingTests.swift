import Foundation
import Testing
import TagKitTestSupport
import TagKitText
@testable import TagKitEmbeddings

@Suite struct VectorLoadingTests {
    @Test func formatsAreDetected() throws {
        let cases: [(String, VectorFormat)] = [
            (VectorFixtures.ewtText, .word2vecText), (VectorFixtures.ewtBinary, .word2vecBinary),
            (VectorFixtures.ewtFastText, .word2vecText), (VectorFixtures.glove, .glove),
        ]
        for (path, format) in cases {
            let (_, report) = try WordVectors.load(contentsOf: path, options: VectorLoadOptions(limit: 10))
            #expect(report.format == format, "\(path)")
        }
    }

    @Test func word2vecTextAndBinaryHoldTheSameVectors() throws {
        let (text, textReport) = try WordVectors.load(contentsOf: VectorFixtures.ewtText)
        let (binary, binaryReport) = try WordVectors.load(contentsOf: VectorFixtures.ewtBinary)
        #expect(text.count == 6731 && text.dimension == 50)
        #expect(textReport.headerCount == 6731 && binaryReport.headerCount == 6731)
        #expect(binaryReport.bytesRead == 1_395_257)
        #expect(text.words.word(at: 0) == "." && text.words.word(at: 1) == "the" && text.words.word(at: 2) == ",")
        #expect((0..<text.count).allSatisfy { text.words.word(at: $0) == binary.words.word(at: $0) })
        #expect(text.values.map(\.bitPattern) == binary.values.map(\.bitPattern))
    }

    /// The binary file's bytes in memory, served in short reads, load as the file does.
    @Test func bytesInMemoryLoadAsTheFile() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: VectorFixtures.ewtBinary)))
        let (fromFile, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtBinary)
        let source = ByteSource(bytes: bytes, name: "memory", readSize: 4093)
        let (fromMemory, report) = try WordVectors.load(from: source, options: VectorLoadOptions(threads: 1))
        #expect(report.format == .word2vecBinary && report.bytesRead == bytes.count)
        #expect(fromMemory.count == fromFile.count)
        #expect((0..<fromFile.count).allSatisfy { fromMemory.words.word(at: $0) == fromFile.words.word(at: $0) })
        #expect(fromMemory.values.map(\.bitPattern) == fromFile.values.map(\.bitPattern))
    }

    @Test func textValuesEqualStrtofOfEachField() throws {
        let (vectors, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtText)
        let lines = try String(contentsOfFile: VectorFixtures.ewtText, encoding: .utf8).split(separator: "\n").dropFirst()
        var mismatches = 0
        for (row, line) in lines.enumerated() {
            let fields = line.split(separator: " ")
            #expect(vectors.words.word(at: row) == String(fields[0]))
            for (column, field) in fields.dropFirst().enumerated() {
                let expected = String(field).withCString { strtof($0, nil) }
                if vectors.values[row * 50 + column].bitPattern != expected.bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func theCToolBinaryLayoutWithNewlinesReadsTheSame() throws {
        let (vectors, _) = try WordVectors.load(contentsOf: VectorFixtures.ewtBinary, options: VectorLoadOptions(limit: 300))
        let rows = (0..<vectors.count).map { (vectors.words.word(at: $0), Array(vectors.vector(at: $0))) }
        // Some of these rows have a 0x0A byte among their values.
        let withNewlineByte = rows.filter { row in row.1.contains { value in
            withUnsafeBytes(of: value.bitPattern.littleEndian) { $0.contains(0x0A) } } }
        #expect(!withNewlineByte.isEmpty)
        for newline in [true, false] {
            let path = try VectorFixtures.write(VectorFixtures.binary(rows, dimension: 50, newline: newline), name: "c.bin")
            let (read, report) = try WordVectors.load(contentsOf: path)
            #expect(report.format == .word2vecBinary)
            #expect(read.values.map(\.bitPattern) == vectors.values.map(\.bitPattern))
            #expect((0..<read.count).allSatisfy { read.words.word(at: $0) == rows[$0].0 })
        }
    }

    @Test func gloveLimitAndFirstRows() throws {
        let (vectors, report) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 2000))
        #expect(vectors.count == 2000 && vectors.dimension == 50 && report.rowsRead == 2000)
        #expect(vectors.words.word(at: 0) == "the" && vectors.words.word(at: 1) == "," && vectors.words.word(at: 2) == ".")
        #expect(vectors.vector(for: "the")?.first == 0.418)
        #expect(vectors.vector(for: "the")?.last == Float("-0.78581"))
    }

    @Test func parallelParsingGivesTheSameResultAsOneThread() throws {
        let options = { (threads: Int) in VectorLoadOptions(limit: 15_000, threads: threads) }
        let (one, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: options(1))
        for threads in [2, 3] {
            let (many, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: options(threads))
            #expect(many.values.map(\.bitPattern) == one.values.map(\.bitPattern))
            #expect((0..<one.count).allSatisfy { many.words.word(at: $0) == one.words.word(at: $0) })
        }
    }

    @Test func wordsMayContainSpacesAndLinesMayHaveTrailingBlanksOrCRLF() throws {
        let path = try VectorFixtures.write("the 1 2 3\nnew york 4 5 6 \r\nsan\tjosé\t7\t8\t9\t\n. . . -1 -2 -3\n")
        let (vectors, report) = try WordVectors.load(contentsOf: path)
        #expect(report.format == .glove && vectors.dimension == 3 && vectors.count == 4)
        #expect(vectors.vector(for: "new york").map(Array.init) == [4, 5, 6])
        #expect(vectors.vector(for: "san\tjosé").map(Array.init) == [7, 8, 9])
        #expect(vectors.vector(for: ". . .").map(Array.init) == [-1, -2, -3])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let path = try VectorFixtures.write([0xEF, 0xBB, 0xBF] + Array("2 2\nfoo 1 2\nbar 3 4\n".utf8))
        let (vectors, report) = try WordVectors.load(contentsOf: path)
        #expect(report.format == .word2vecText)
        #expect(vectors.words.word(at: 0) == "foo" && vectors.count == 2)
    }

    @Test func duplicatesKeepTheFirstRowAndAreReported() throws {
        let path = try VectorFixtures.write("4 2\na 1 2\nb 3 4\na 5 6\nb 7 8\n")
        let (vectors, report) = try WordVectors.load(contentsOf: path)
        #expect(vectors.count == 2 && report.rowsRead == 4)
        #expect(vectors.vector(for: "a").map(Array.init) == [1, 2])
        #expect(vectors.vector(for: "b").map(Array.init) == [3, 4])
        #expect(report.duplicateCount == 2)
        #expect(report.duplicates == [DuplicateWord(word: "a", line: 4), DuplicateWord(word: "b", line: 5)])
    }

    @Test func invalidUTF8IsRepairedOrRejected() throws {
        let bytes = Array("2 2\nok 1 2\nb".utf8) + [0xFF] + Array("d 3 4\n".utf8)
        let path = try VectorFixtures.write(bytes)
        let (vectors, report) = try WordVectors.load(contentsOf: path)
        #expect(report.repairedWords == 1)
        #expect(vectors.vector(for: "b\u{FFFD}d").map(Array.init) == [3, 4])
        let error = VectorFixtures.loadError(path, VectorLoadOptions(encoding: .strict))
        #expect(error?.line == 3)
        #expect(error?.byteOffset == 12)
        #expect(error?.expected == "a word in valid UTF-8")
    }

    @Test func restrictToKeepsOnlyRowsTheLookupChainCanReach() throws {
        let vocabulary = ["The", "Paris", "1984", "no-such-word-xyz"]
        let (full, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 20_000))
        let (restricted, report) = try WordVectors.load(
            contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 20_000, restrictTo: vocabulary))
        let reachable = Set(vocabulary.flatMap { VectorLookupStep.forms(of: $0).map(\.form) }.filter { full.row(of: $0) != nil })
        #expect(reachable.isSuperset(of: ["the", "paris", "1984", "0000"]))
        #expect(restricted.count == reachable.count)
        #expect(report.skippedByRestriction == 20_000 - reachable.count)
        #expect(restricted.values.capacity < 20 * 50)
        for word in reachable {
            #expect(restricted.vector(for: word) == full.vector(for: word), "\(word)")
        }
    }
}

@Suite struct ShippedVectorTests {
    @Test func shippedGloVeEqualsTheFirst20kRowsOfTheSharedText() throws {
        let (shipped, report) = try WordVectors.load(contentsOf: SharedData.package("embeddings/glove.6B.50d.20k.bin"))
        let (source, _) = try WordVectors.load(contentsOf: VectorFixtures.glove, options: VectorLoadOptions(limit: 20_000))
        #expect(report.format == .word2vecBinary && shipped.count == 20_000 && shipped.dimension == 50)
        #expect(shipped.values.map(\.bitPattern) == source.values.map(\.bitPattern))
        #expect((0..<shipped.count).allSatisfy { shipped.words.word(at: $0) == source.words.word(at: $0) })
    }

    @Test func shippedEWTVectorsAreTheSharedOnes() throws {
        let shipped = try Data(contentsOf: URL(fileURLWithPath: SharedData.package("embeddings/ewt.w2v.50d.bin")))
        #expect(shipped == (try Data(contentsOf: URL(fileURLWithPath: VectorFixtures.ewtBinary))))
    }
}
