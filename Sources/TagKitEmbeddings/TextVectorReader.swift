#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import TagKitText

/// Reads the rows of a text vector file (word2vec text, fastText `.vec`, GloVe).
///
/// The file is read in blocks of whole lines; each block is cut at line boundaries into
/// `partsPerThread × threads` parts, which the threads take as they become free (so one descheduled
/// thread does not hold the block up) and parse into per-part scratch rows; the rows are then added
/// to the matrix in file order on the calling thread. The result does not depend on the thread count.
enum TextVectorReader {
    /// Parts per thread in each block.
    static let partsPerThread = 4

    /// Reads rows from `stream` (positioned after the header, if any) into `accumulator`.
    /// - Parameters:
    ///   - firstLine: the 1-based line number of the first row.
    ///   - headerCount: the row count the header promises, checked exactly unless `limit` stops earlier.
    static func read(_ stream: ByteStream, dimension: Int, firstLine: Int, headerCount: Int?, limit: Int?,
                     threads: Int, into accumulator: inout RowAccumulator) throws {
        let workers = (0..<(threads > 1 ? threads * partsPerThread : 1)).map { _ in TextBlockWorker() }
        var linesBefore = firstLine - 1
        let rowLimit = limit ?? Int.max
        while true {
            if accumulator.report.rowsRead >= rowLimit { return }
            try stream.fillBuffer()
            if stream.available == 0 { break }
            let base = UnsafePointer(stream.buffer + stream.start)
            let regionLength: Int
            if let last = lastNewline(base, stream.available) {
                regionLength = last + 1
            } else if stream.atEOF {
                regionLength = stream.available
            } else {
                try stream.fill()
                continue
            }
            let bounds = split(base, regionLength, parts: workers.count)
            let parts = bounds.count - 1
            if parts == 1 {
                workers[0].parse(base, bounds[0], bounds[1], dimension: dimension)
            } else {
                nonisolated(unsafe) let sharedBase = base
                nonisolated(unsafe) let sharedWorkers = workers
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    sharedWorkers[part].parse(sharedBase, bounds[part], bounds[part + 1], dimension: dimension)
                }
            }
            let blockOffset = stream.offset
            for worker in workers.prefix(parts) {
                accumulator.prefetch(worker.wordHashes[...])
                for line in 0..<worker.lineCount {
                    if accumulator.report.rowsRead >= rowLimit { return }
                    let lineNumber = linesBefore + line + 1
                    try checkNotBeyondHeader(headerCount, accumulator, lineNumber: lineNumber, file: stream.name)
                    let wordStart = worker.wordStarts[line]
                    try accumulator.add(word: UnsafeBufferPointer(start: base + wordStart, count: worker.wordLengths[line]),
                                        hash: worker.wordHashes[line], row: worker.rows + line * dimension,
                                        line: lineNumber, byteOffset: blockOffset + wordStart)
                }
                if let failure = worker.failure {
                    if accumulator.report.rowsRead >= rowLimit { return }
                    let lineNumber = linesBefore + worker.lineCount + 1
                    try checkNotBeyondHeader(headerCount, accumulator, lineNumber: lineNumber, file: stream.name)
                    throw InputError(file: stream.name, line: lineNumber, expected: failure.expected, found: failure.found)
                }
                linesBefore += worker.lineCount
            }
            stream.start += regionLength
        }
        if let headerCount, accumulator.report.rowsRead < min(headerCount, rowLimit) {
            throw InputError(file: stream.name, line: linesBefore + 1,
                             expected: "\(headerCount) rows as the header says",
                             found: "the end of the file after \(accumulator.report.rowsRead) rows")
        }
    }

    private static func checkNotBeyondHeader(_ headerCount: Int?, _ accumulator: RowAccumulator,
                                             lineNumber: Int, file: String) throws {
        if let headerCount, accumulator.report.rowsRead >= headerCount {
            throw InputError(file: file, line: lineNumber,
                             expected: "the end of the file after \(headerCount) rows as the header says",
                             found: "another row")
        }
    }

    /// The offset of the last `\n` in `base[0..<count]` (a line's length from the end, at most).
    private static func lastNewline(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if base[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    /// Cuts `[0, length)` into up to `parts` ranges that end just after a newline.
    private static func split(_ base: UnsafePointer<UInt8>, _ length: Int, parts: Int) -> [Int] {
        var bounds = [0]
        for part in 1..<max(parts, 1) {
            let target = length * part / parts
            guard target > bounds[bounds.count - 1], target < length,
                  let newline = memchr(base + target, 0x0A, length - target) else { continue }
            let cut = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
            if cut < length, cut > bounds[bounds.count - 1] { bounds.append(cut) }
        }
        bounds.append(length)
        return bounds
    }
}

/// One thread's share of a block: the lines of `[from, to)` parsed into scratch rows.
final class TextBlockWorker {
    /// Offsets (from the block start), lengths and `WordTable.hash` of each parsed line's word.
    private(set) var wordStarts: [Int] = []
    private(set) var wordLengths: [Int] = []
    private(set) var wordHashes: [Int] = []
    /// `lineCount × dimension` values.
    private(set) var rows: UnsafeMutablePointer<Float>
    private var rowCapacity = 0
    /// Lines parsed without error (the failing line, if any, is the next one).
    private(set) var lineCount = 0
    /// Why the line after the parsed ones is not a row.
    private(set) var failure: (expected: String, found: String)?
    private let parser = DecimalFloatParser()

    init() {
        rows = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    }

    deinit { rows.deallocate() }

    func parse(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, dimension: Int) {
        lineCount = 0
        failure = nil
        wordStarts.removeAll(keepingCapacity: true)
        wordLengths.removeAll(keepingCapacity: true)
        wordHashes.removeAll(keepingCapacity: true)
        // A row takes at least 2·dimension + 1 bytes, so this many rows always fit.
        let needed = ((to - from) / (2 * dimension + 1) + 1) * dimension
        if needed > rowCapacity {
            rows.deallocate()
            rows = UnsafeMutablePointer<Float>.allocate(capacity: needed)
            rowCapacity = needed
        }
        var position = from
        while position < to {
            let lineStart = base + position
            let lineEnd: Int
            if let newline = memchr(lineStart, 0x0A, to - position) {
                lineEnd = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base
            } else {
                lineEnd = to
            }
            switch TextLineParser.parse(lineStart, count: lineEnd - position, dimension: dimension,
                                        parser: parser, into: rows + lineCount * dimension) {
            case .row(let wordLength):
                wordStarts.append(position)
                wordLengths.append(wordLength)
                wordHashes.append(WordTable.hash(UnsafeBufferPointer(start: lineStart, count: wordLength)))
                lineCount += 1
            case .failure(let expected, let found):
                failure = (expected, found)
                return
            }
            position = lineEnd + 1
        }
    }
}
