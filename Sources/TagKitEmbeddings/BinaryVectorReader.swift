#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitText

/// Reads the rows of a word2vec binary file: per row, optional whitespace, the word up to a space,
/// then `dimension` little-endian Float32 values. Works for the C tool's layout (a `\n` after each
/// vector) and gensim's (none), and never looks for newlines inside the values.
///
/// Rows are located in batches (up to `batchRows` rows, and half the read buffer), then their words'
/// table slots are touched in one pass and the rows added in order.
enum BinaryVectorReader {
    /// The longest word accepted, in bytes; beyond it the file is taken to be something else.
    static let longestWord = 1 << 16
    /// Rows located before they are added.
    static let batchRows = 256

    /// Reads rows from `stream` (positioned after the header line) into `accumulator`.
    static func read(_ stream: ByteStream, dimension: Int, headerCount: Int, limit: Int?,
                     into accumulator: inout RowAccumulator) throws {
        let valueBytes = 4 * dimension
        let row = UnsafeMutablePointer<Float>.allocate(capacity: dimension)
        defer { row.deallocate() }
        let target = min(headerCount, limit ?? Int.max)
        var rowIndex = 0
        // Per batch row: the word's start and length, relative to `stream.start`.
        var wordStarts: [Int] = []
        var wordLengths: [Int] = []
        var hashes: [Int] = []
        while rowIndex < target {
            wordStarts.removeAll(keepingCapacity: true)
            wordLengths.removeAll(keepingCapacity: true)
            var cursor = 0
            // Locate rows; an error is raised only when it is the batch's first row, so that the
            // rows before it are added (and checked) first.
            locating: while wordStarts.count < batchRows, cursor < stream.capacity / 2, rowIndex + wordStarts.count < target {
                let number = rowIndex + wordStarts.count + 1
                guard try skipWhitespace(stream, &cursor) else {
                    if !wordStarts.isEmpty { break locating }
                    throw InputError(file: stream.name, byteOffset: stream.offset + cursor,
                                     expected: "\(headerCount) vectors as the header says",
                                     found: "the end of the file after \(rowIndex) vectors")
                }
                let wordStart = cursor
                var scanned = wordStart
                var wordLength = 0
                while true {
                    let base = stream.buffer + stream.start
                    if let space = memchr(base + scanned, 0x20, stream.available - scanned) {
                        wordLength = UnsafeMutablePointer<UInt8>(space.assumingMemoryBound(to: UInt8.self)) - base - wordStart
                        break
                    }
                    scanned = stream.available
                    if scanned - wordStart > longestWord {
                        if !wordStarts.isEmpty { break locating }
                        throw InputError(file: stream.name, byteOffset: stream.offset + wordStart,
                                         expected: "a word of at most \(longestWord) bytes followed by a space (vector \(number))",
                                         found: "\(scanned - wordStart) bytes without a space")
                    }
                    guard try stream.fill() else {
                        if !wordStarts.isEmpty { break locating }
                        throw InputError(file: stream.name, byteOffset: stream.offset + wordStart,
                                         expected: "a word, a space and \(valueBytes) bytes of values (vector \(number) of \(headerCount))",
                                         found: "the end of the file after \(scanned - wordStart) bytes")
                    }
                }
                let rowEnd = wordStart + wordLength + 1 + valueBytes
                guard try stream.ensure(rowEnd) else {
                    if !wordStarts.isEmpty { break locating }
                    let word = InputError.excerpt(bytes: UnsafeBufferPointer(start: stream.buffer + stream.start + wordStart,
                                                                             count: wordLength))
                    throw InputError(file: stream.name, byteOffset: stream.offset + wordStart + wordLength + 1,
                                     expected: "\(valueBytes) bytes of values for \(word) (vector \(number) of \(headerCount))",
                                     found: "\(stream.available - wordStart - wordLength - 1) bytes before the end of the file")
                }
                wordStarts.append(wordStart)
                wordLengths.append(wordLength)
                cursor = rowEnd
            }
            let base = UnsafePointer(stream.buffer + stream.start)
            hashes.removeAll(keepingCapacity: true)
            for index in wordStarts.indices {
                hashes.append(WordTable.hash(UnsafeBufferPointer(start: base + wordStarts[index], count: wordLengths[index])))
            }
            accumulator.prefetch(hashes[...])
            for index in wordStarts.indices {
                let word = UnsafeBufferPointer(start: base + wordStarts[index], count: wordLengths[index])
                let valuesStart = wordStarts[index] + wordLengths[index] + 1
                UnsafeMutableRawPointer(row).copyMemory(from: base + valuesStart, byteCount: valueBytes)
                for column in 0..<dimension {
                    #if _endian(big)
                    row[column] = Float(bitPattern: row[column].bitPattern.byteSwapped)
                    #endif
                    if !row[column].isFinite {
                        throw InputError(file: stream.name, byteOffset: stream.offset + valuesStart + 4 * column,
                                         expected: "finite values (vector \(rowIndex + index + 1), value \(column + 1))",
                                         found: "\(row[column])")
                    }
                }
                try accumulator.add(word: word, hash: hashes[index], row: row, line: nil,
                                    byteOffset: stream.offset + wordStarts[index])
            }
            rowIndex += wordStarts.count
            stream.start += cursor
        }
        var cursor = 0
        if rowIndex == headerCount, try skipWhitespace(stream, &cursor) {
            throw InputError(file: stream.name, byteOffset: stream.offset + cursor,
                             expected: "the end of the file after \(headerCount) vectors as the header says",
                             found: "more bytes")
        }
    }

    /// Advances `cursor` (relative to `stream.start`) over spaces, tabs, `\r` and `\n`.
    /// Returns false at the end of the file.
    private static func skipWhitespace(_ stream: ByteStream, _ cursor: inout Int) throws -> Bool {
        while true {
            if cursor == stream.available {
                guard try stream.fill() else { return false }
            }
            let byte = stream.buffer[stream.start + cursor]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return true }
            cursor += 1
        }
    }
}
