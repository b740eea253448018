#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitText

/// Splits one text row (`word v1 … vDIM`) into its word and values.
///
/// Fields are separated by runs of spaces or tabs; trailing spaces, tabs and `\r` are ignored. The
/// common case (a word without spaces, then exactly `DIM` numbers) is read left to right in one pass.
/// Otherwise the last `DIM` fields are taken as the values and everything before them as the word,
/// which lets a word contain spaces; when every later part of such a word is itself a number the row
/// is reported as having too many values.
enum TextLineParser {
    enum Outcome {
        case row(wordLength: Int)
        case failure(expected: String, found: String)
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    static func isTrailing(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Parses `line[0..<count]` and writes its `dimension` values to `row`.
    @inline(__always)
    static func parse(_ line: UnsafePointer<UInt8>, count: Int, dimension: Int,
                      parser: DecimalFloatParser, into row: UnsafeMutablePointer<Float>) -> Outcome {
        var end = line + count
        while end > line, isTrailing(end[-1]) { end -= 1 }
        var p = line
        while p < end, !isSeparator(p.pointee) { p += 1 }
        let wordEnd = p
        if wordEnd > line {
            var index = 0
            while index < dimension, p < end, isSeparator(p.pointee) {
                repeat { p += 1 } while p < end && isSeparator(p.pointee)
                let (value, stop, status) = parser.parse(p, end)
                guard status == .ok, stop == end || isSeparator(stop.pointee) else { break }
                row[index] = value
                index += 1
                p = stop
            }
            if index == dimension, p == end { return .row(wordLength: wordEnd - line) }
        }
        return parseFromTheEnd(line, end, dimension: dimension, parser: parser, into: row)
    }

    /// The slow path: the last `dimension` fields are the values.
    private static func parseFromTheEnd(_ line: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, dimension: Int,
                                        parser: DecimalFloatParser, into row: UnsafeMutablePointer<Float>) -> Outcome {
        let expectedShape = "a word and \(dimension) values"
        if end == line { return .failure(expected: expectedShape, found: "an empty line") }
        if isSeparator(line.pointee) {
            return .failure(expected: "\(expectedShape) (a line starting with a word)",
                            found: "a line starting with a space or tab")
        }
        var fieldStarts = [UnsafePointer<UInt8>](repeating: end, count: dimension)
        var fieldEnds = fieldStarts
        var q = end
        for index in stride(from: dimension - 1, through: 0, by: -1) {
            fieldEnds[index] = q
            while q > line, !isSeparator(q[-1]) { q -= 1 }
            fieldStarts[index] = q
            if q == line {
                return .failure(expected: expectedShape, found: "\(fieldCount(line, end - line)) fields")
            }
            while q > line, isSeparator(q[-1]) { q -= 1 }
        }
        let wordEnd = q
        for index in 0..<dimension {
            let field = fieldStarts[index]
            let (value, stop, status) = parser.parse(field, fieldEnds[index])
            let text = InputError.excerpt(bytes: UnsafeBufferPointer(start: field, count: fieldEnds[index] - field))
            switch status {
            case .ok where stop == fieldEnds[index]:
                row[index] = value
            case .outOfRange:
                return .failure(expected: "value \(index + 1) of \(dimension) within the Float32 range (|x| ≤ 3.4028235e38)",
                                found: text)
            default:
                return .failure(expected: "value \(index + 1) of \(dimension) as a decimal number", found: text)
            }
        }
        if wordHasOnlyNumbersAfterFirstPart(line, wordEnd, parser: parser) {
            return .failure(expected: expectedShape, found: "\(fieldCount(line, end - line) - 1) values")
        }
        return .row(wordLength: wordEnd - line)
    }

    /// True when the word part has spaces and every part after the first is a number.
    private static func wordHasOnlyNumbersAfterFirstPart(_ line: UnsafePointer<UInt8>, _ wordEnd: UnsafePointer<UInt8>,
                                                         parser: DecimalFloatParser) -> Bool {
        var p = line
        while p < wordEnd, !isSeparator(p.pointee) { p += 1 }
        if p == wordEnd { return false }
        while p < wordEnd {
            while p < wordEnd, isSeparator(p.pointee) { p += 1 }
            let (_, stop, status) = parser.parse(p, wordEnd)
            guard status != .invalid, stop == wordEnd || isSeparator(stop.pointee) else { return false }
            p = stop
        }
        return true
    }

    /// The number of separator-delimited fields in `line[0..<count]` (trailing blanks ignored).
    static func fieldCount(_ line: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var fields = 0
        var inField = false
        for index in 0..<count {
            let byte = line[index]
            if isTrailing(byte) {
                inField = false
            } else if !inField {
                inField = true
                fields += 1
            }
        }
        return fields
    }
}

/// The `COUNT DIM` line that starts word2vec files.
enum VectorHeader {
    /// The two numbers, if `line` is two non-negative decimal integers separated by blanks
    /// (trailing blanks and `\r` allowed).
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (count: Int, dimension: Int)? {
        var numbers: [Int] = []
        var index = 0
        while index < line.count {
            let byte = line[index]
            if TextLineParser.isTrailing(byte) {
                index += 1
                continue
            }
            var value = 0
            var digits = 0
            while index < line.count, line[index] &- 0x30 < 10 {
                if digits < 18 { value = value * 10 + Int(line[index] &- 0x30) } else { return nil }
                digits += 1
                index += 1
            }
            guard digits > 0, index == line.count || TextLineParser.isTrailing(line[index]) else { return nil }
            numbers.append(value)
        }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }
}
