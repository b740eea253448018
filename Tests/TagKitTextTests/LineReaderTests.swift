import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct LineReaderTests {
    /// Reads every line of `bytes` through a reader with a tiny chunk size (so lines straddle chunks).
    private func lines(of bytes: [UInt8], chunkSize: Int) throws -> [([UInt8], LineEnding)] {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("input.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path, chunkSize: chunkSize)
        var result: [([UInt8], LineEnding)] = []
        while let line = try reader.nextLine({ (Array($0), $1) }) { result.append(line) }
        return result
    }

    @Test(arguments: [16, 17, 64, 1 << 20])
    func splitsAtNewlinesAndKeepsEndings(chunkSize: Int) throws {
        let text = "first line\r\nsecond\n\n  \nlast without newline, longer than a chunk"
        let got = try lines(of: Array(text.utf8), chunkSize: chunkSize)
        #expect(got.map { String(decoding: $0.0, as: UTF8.self) } == [
            "first line", "second", "", "  ", "last without newline, longer than a chunk"])
        #expect(got.map(\.1) == [.crlf, .lf, .lf, .lf, .none])
    }

    @Test func emptyFileHasNoLines() throws {
        #expect(try lines(of: [], chunkSize: 16).isEmpty)
    }

    @Test func countsLinesAndOffsets() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("n.txt").path
        try Data("a\nbb\r\nccc\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path, chunkSize: 16)
        var seen: [(Int, Int)] = []
        while try reader.nextLine({ _, _ in () }) != nil { seen.append((reader.lineNumber, reader.lineOffset)) }
        #expect(seen.map(\.0) == [1, 2, 3])
        #expect(seen.map(\.1) == [0, 2, 6])
    }

    /// Bytes in memory, handed over in short reads as a pipe does, give the lines a file gives.
    @Test(arguments: [1, 3, 13, Int.max])
    func readsBytesInMemoryAsAFile(readSize: Int) throws {
        let text = Array("first line\r\nsecond\n\n  \nlast without newline, longer than a chunk".utf8)
        let reader = LineReader(bytes: text, name: "memory", chunkSize: 16, readSize: readSize)
        var got: [([UInt8], LineEnding)] = []
        var offsets: [Int] = []
        while let line = try reader.nextLine({ (Array($0), $1) }) {
            got.append(line)
            offsets.append(reader.lineOffset)
        }
        let fromFile = try lines(of: text, chunkSize: 16)
        #expect(got.map(\.0) == fromFile.map(\.0))
        #expect(got.map(\.1) == fromFile.map(\.1))
        #expect(offsets == [0, 12, 19, 20, 23])
        #expect(reader.name == "memory")
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: FileError.self) { try LineReader(path: "/nonexistent/tagkit/file.txt") }
    }
}
