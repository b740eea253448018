#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitText

/// Reads the rows of a word2vec binary file: per row, optional whitespace, the word up to a space,
/// then `dimension` little-endian Float32 values. Works for the C tool's layout (a `\n` after each
/// vector) and gensim's (none), and never looks for newlines inside the values.
enum BinaryVectorReader {
    /// The longest word accepted, in bytes; beyond it the file is taken to be something else.
    static let longestWord = 1 << 16

    /// Reads rows from `stream` (positioned after the header line) into `accumulator`.
    static func read(_ stream: ByteStream, dimension: Int, headerCount: Int, limit: Int?,
                     into accumulator: inout RowAccumulator) throws {
        let valueBytes = 4 * dimension
        let row = UnsafeMutablePointer<Float>.allocate(capacity: dimension)
        defer { row.deallocate() }
        let target = min(headerCount, limit ?? Int.max)
        var rowIndex = 0
        while rowIndex < target {
            guard try skipWhitespace(stream) else {
                throw InputError(file: stream.name, byteOffset: stream.offset,
                                 expected: "\(headerCount) vectors as the header says",
                                 found: "the end of the file after \(rowIndex) vectors")
            }
            let wordOffset = stream.offset
            var scanned = 0
            var wordLength = 0
            while true {
                let base = stream.buffer + stream.start
                if let space = memchr(base + scanned, 0x20, stream.available - scanned) {
                    wordLength = UnsafeMutablePointer<UInt8>(space.assumingMemoryBound(to: UInt8.self)) - base
                    break
                }
                scanned = stream.available
                if scanned > longestWord {
                    throw InputError(file: stream.name, byteOffset: wordOffset,
                                     expected: "a word of at most \(longestWord) bytes followed by a space (vector \(rowIndex + 1))",
                                     found: "\(scanned) bytes without a space")
                }
                guard try stream.fill() else {
                    throw InputError(file: stream.name, byteOffset: wordOffset,
                                     expected: "a word, a space and \(valueBytes) bytes of values (vector \(rowIndex + 1) of \(headerCount))",
                                     found: "the end of the file after \(scanned) bytes")
                }
            }
            guard try stream.ensure(wordLength + 1 + valueBytes) else {
                let word = InputError.excerpt(bytes: UnsafeBufferPointer(start: stream.buffer + stream.start, count: wordLength))
                throw InputError(file: stream.name, byteOffset: wordOffset + wordLength + 1,
                                 expected: "\(valueBytes) bytes of values for \(word) (vector \(rowIndex + 1) of \(headerCount))",
                                 found: "\(stream.available - wordLength - 1) bytes before the end of the file")
            }
            let base = stream.buffer + stream.start
            UnsafeMutableRawPointer(row).copyMemory(from: base + wordLength + 1, byteCount: valueBytes)
            for index in 0..<dimension {
                #if _endian(big)
                row[index] = Float(bitPattern: row[index].bitPattern.byteSwapped)
                #endif
                if !row[index].isFinite {
                    throw InputError(file: stream.name, byteOffset: wordOffset + wordLength + 1 + 4 * index,
                                     expected: "finite values (vector \(rowIndex + 1), value \(index + 1))",
                                     found: "\(row[index])")
                }
            }
            try accumulator.add(word: UnsafeBufferPointer(start: base, count: wordLength), row: row,
                                line: nil, byteOffset: wordOffset)
            stream.start += wordLength + 1 + valueBytes
            rowIndex += 1
        }
        if rowIndex == headerCount, try skipWhitespace(stream) {
            throw InputError(file: stream.name, byteOffset: stream.offset,
                             expected: "the end of the file after \(headerCount) vectors as the header says",
                             found: "more bytes")
        }
    }

    /// Skips spaces, tabs, `\r` and `\n`. Returns false at the end of the file.
    private static func skipWhitespace(_ stream: ByteStream) throws -> Bool {
        while true {
            if stream.available == 0 {
                guard try stream.fill() else { return false }
            }
            let byte = stream.buffer[stream.start]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return true }
            stream.start += 1
        }
    }
}
