#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitText

extension WordVectors {
    /// The read buffer: large enough for fast reads, small beside the matrix.
    static let blockBytes = 1 << 20

    /// The largest `DIM` a header may give (a guard against a corrupt header asking for huge rows).
    public static let largestDimension = 1 << 20

    /// Loads a vector file.
    ///
    /// Format detection (when `options.format` is nil): if the first line is two non-negative integers
    /// (`COUNT DIM`), the file is word2vec; it is word2vec **text** when the line after the header
    /// reads as a word followed by numbers (`DIM` of them, or another count, which is then reported as
    /// an error on line 2) or nothing follows, otherwise word2vec **binary**.
    /// If the first line is not such a header, the file is GloVe and `DIM` is the number of fields on
    /// its first line minus one. (A one-dimensional GloVe file whose first word is an integer looks
    /// like a header: name the format in that case.) A UTF-8 byte-order mark at the start is skipped.
    ///
    /// - Throws: `FileError` if the file cannot be read; `InputError` (file, line or byte offset,
    ///   what was expected) for a malformed header, a row with the wrong number of values, a value
    ///   that is not a decimal number or is beyond the Float32 range, a truncated binary file, a row
    ///   count that differs from the header's, or (strict policy) a word that is not UTF-8.
    public static func load(contentsOf path: String, options: VectorLoadOptions = VectorLoadOptions())
        throws -> (vectors: WordVectors, report: VectorLoadReport)
    {
        try load(from: ByteSource(path: path), options: options)
    }

    /// Loads vectors from `source` (a file, standard input or bytes in memory), as
    /// `load(contentsOf:options:)` does; errors name `source.name`.
    public static func load(from source: ByteSource, options: VectorLoadOptions = VectorLoadOptions())
        throws -> (vectors: WordVectors, report: VectorLoadReport)
    {
        let stream = ByteStream(source: source, capacity: blockBytes)
        try stream.fillBuffer()
        if stream.available >= 3, stream.buffer[stream.start] == 0xEF, stream.buffer[stream.start + 1] == 0xBB,
           stream.buffer[stream.start + 2] == 0xBF {
            stream.start += 3
        }
        let firstLineLength = try lengthOfFirstLine(stream)
        let firstLine = UnsafeBufferPointer(start: stream.buffer + stream.start, count: firstLineLength)
        let header = VectorHeader.parse(firstLine)
        let format = try options.format ?? detect(stream, firstLineLength: firstLineLength, header: header)
        let dimension: Int
        let headerCount: Int?
        let expectedRows: Int
        let fileSize = stream.fileSize ?? 0
        if format.hasHeader {
            guard let header, header.dimension > 0 else {
                throw InputError(file: source.name, line: 1, expected: "a header line 'COUNT DIM' with DIM > 0",
                                 found: InputError.excerpt(bytes: firstLine))
            }
            guard header.dimension <= largestDimension else {
                throw InputError(file: source.name, line: 1, expected: "a dimension of at most \(largestDimension)",
                                 found: InputError.excerpt(bytes: firstLine))
            }
            dimension = header.dimension
            headerCount = header.count
            // Never reserve more rows than the file could hold, whatever the header claims.
            let smallestRow = format == .word2vecBinary ? 4 * dimension + 2 : 2 * dimension + 2
            expectedRows = stream.fileSize.map { min(header.count, $0 / smallestRow + 1) } ?? 0
            stream.start += min(firstLineLength + 1, stream.available)
        } else {
            let fields = TextLineParser.fieldCount(firstLine.baseAddress!, firstLineLength)
            guard fields >= 2 else {
                throw InputError(file: source.name, line: 1, expected: "a word followed by its values (GloVe)",
                                 found: firstLineLength == 0 ? "an empty line" : InputError.excerpt(bytes: firstLine))
            }
            dimension = fields - 1
            headerCount = nil
            // Rows of one file are of similar length: estimate from the first block, with a margin.
            let sampleLines = max(1, countNewlines(stream))
            let averageLine = max(1, stream.available / sampleLines)
            expectedRows = fileSize / averageLine * 11 / 10 + 16
        }
        var accumulator = RowAccumulator(dimension: dimension, fileName: source.name, options: options,
                                         expectedRows: min(expectedRows, options.limit ?? Int.max),
                                         report: VectorLoadReport(format: format, headerCount: headerCount))
        switch format {
        case .word2vecBinary:
            try BinaryVectorReader.read(stream, dimension: dimension, headerCount: headerCount ?? 0,
                                        limit: options.limit, into: &accumulator)
        case .word2vecText, .glove:
            try TextVectorReader.read(stream, dimension: dimension, firstLine: format.hasHeader ? 2 : 1,
                                      headerCount: headerCount, limit: options.limit,
                                      threads: options.threads, into: &accumulator)
        }
        accumulator.report.bytesRead = stream.offset
        return accumulator.finish()
    }

    /// Detects the format from the first line (and, after a header, the second).
    static func detect(_ stream: ByteStream, firstLineLength: Int,
                       header: (count: Int, dimension: Int)?) throws -> VectorFormat {
        guard let header, header.dimension > 0 else { return .glove }
        let base = stream.buffer + stream.start
        let rowStart = firstLineLength + 1
        guard rowStart < stream.available else { return .word2vecText }
        let rest = stream.available - rowStart
        let rowLength: Int
        if let newline = memchr(base + rowStart, 0x0A, rest) {
            rowLength = UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - (base + rowStart)
        } else if stream.atEOF {
            rowLength = rest
        } else {
            return .word2vecBinary
        }
        // Text if the line reads as a word and numbers: DIM of them, or any other count (a header that
        // lies about DIM is then reported on line 2 rather than as a puzzling binary error).
        let fields = TextLineParser.fieldCount(base + rowStart, rowLength)
        let values = fields == header.dimension + 1 ? header.dimension : max(fields - 1, 1)
        let row = UnsafeMutablePointer<Float>.allocate(capacity: values)
        defer { row.deallocate() }
        switch TextLineParser.parse(base + rowStart, count: rowLength, dimension: values,
                                    parser: DecimalFloatParser(), into: row) {
        case .row: return .word2vecText
        case .failure: return .word2vecBinary
        }
    }

    /// The length of the first line (without `\n`), reading more of the file if needed.
    private static func lengthOfFirstLine(_ stream: ByteStream) throws -> Int {
        while true {
            if let newline = memchr(stream.buffer + stream.start, 0x0A, stream.available) {
                return UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - (stream.buffer + stream.start)
            }
            if !(try stream.fill()) { return stream.available }
        }
    }

    private static func countNewlines(_ stream: ByteStream) -> Int {
        var count = 0
        var position = stream.buffer + stream.start
        let end = stream.buffer + stream.start + stream.available
        while position < end, let newline = memchr(position, 0x0A, end - position) {
            count += 1
            position = UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }
}
