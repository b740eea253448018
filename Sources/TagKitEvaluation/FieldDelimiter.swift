import TagKitText

/// The field separator of conlleval input: the small part of Perl's regex language that
/// `conlleval.pl -d DELIM` is used with, interpreted exactly as Perl's `split` would.
///
/// Accepted: literal bytes; the escapes `\t`, `\n`, `\r`, `\f`, `\s` (ASCII whitespace:
/// space, TAB, LF, VT, FF, CR) and `\` before any ASCII punctuation (a literal); bracket
/// classes of those (`[ \t]`); and `+` after any of them (`\s+`, ` +`). Everything else
/// (`.`, `*`, `?`, `{`, `(`, `|`, `^`, `$`, ranges, other `\` letters, an empty pattern) is
/// rejected with `DelimiterError`, because a guess could split lines differently from conlleval.
///
/// Splitting follows Perl: the leftmost match ends a field, two delimiters in a row make an
/// empty field, a delimiter at the start makes an empty first field, and empty fields at the
/// end are dropped (so a line of delimiters only has no fields).
public struct FieldDelimiter: Sendable, Equatable {
    /// The pattern as given on the command line.
    public let pattern: String
    private let units: [Unit]
    /// The single byte of a one-byte literal pattern (the common case: space or TAB).
    private let singleByte: UInt8?

    /// conlleval's default: one space.
    public static let space = try! FieldDelimiter(perlRegex: " ")

    /// Parses `pattern`; throws `DelimiterError` for syntax this type does not interpret.
    public init(perlRegex pattern: String) throws(DelimiterError) {
        self.pattern = pattern
        let bytes = Array(pattern.utf8)
        guard !bytes.isEmpty else { throw DelimiterError(pattern: pattern, reason: "the pattern is empty") }
        var units: [Unit] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var unit: Unit
            switch byte {
            case UInt8(ascii: "\\"):
                let (set, next) = try Self.escape(bytes, at: index, pattern: pattern)
                unit = Unit(set: set)
                index = next
            case UInt8(ascii: "["):
                let (set, next) = try Self.bracketClass(bytes, at: index, pattern: pattern)
                unit = Unit(set: set)
                index = next
            case UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                throw DelimiterError(pattern: pattern, reason: "quantifier '\(Character(Unicode.Scalar(byte)))' is not supported here (only '+' after a character or class)")
            case UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"),
                 UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                throw DelimiterError(pattern: pattern, reason: "regex syntax '\(Character(Unicode.Scalar(byte)))' is not supported (escape it with '\\' for a literal)")
            default:
                unit = Unit(set: ByteSet(byte))
                index += 1
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") {
                unit.repeats = true
                index += 1
            }
            units.append(unit)
        }
        self.units = units
        if units.count == 1, !units[0].repeats, let only = units[0].set.onlyMember {
            singleByte = only
        } else {
            singleByte = nil
        }
    }

    /// Splits `line` into fields the way Perl's `split(/PATTERN/, line)` does, writing each
    /// field's byte range into `fields` (cleared first). Trailing empty fields are dropped.
    public func split(_ line: UnsafeBufferPointer<UInt8>, into fields: FieldRanges) {
        fields.removeAll()
        let count = line.count
        if let delimiter = singleByte {
            var end = count
            while end > 0, line[end - 1] == delimiter { end -= 1 }
            guard end > 0 else { return }
            var start = 0
            var position = 0
            while position < end {
                if line[position] == delimiter {
                    fields.append(start, position)
                    start = position + 1
                }
                position += 1
            }
            fields.append(start, end)
            return
        }
        var start = 0
        var searchFrom = 0
        while searchFrom < count {
            var found = false
            var position = searchFrom
            while position < count {
                if let matchEnd = match(line, unit: 0, at: position) {
                    fields.append(start, position)
                    start = matchEnd
                    searchFrom = matchEnd
                    found = true
                    break
                }
                position += 1
            }
            if !found { break }
        }
        fields.append(start, count)
        fields.dropTrailingEmpty()
    }

    /// How many fields `line` has and where its first and last two fields are: all that conlleval
    /// reads of a line. The same as `split` followed by a look at those fields, but for the common
    /// one-byte delimiter it scans the line once without storing anything.
    @inline(__always)
    public func summarize(_ line: UnsafeBufferPointer<UInt8>, scratch fields: FieldRanges) -> FieldSummary {
        guard let delimiter = singleByte else {
            split(line, into: fields)
            let count = fields.count
            guard count > 0 else { return FieldSummary(count: 0, first: 0 ..< 0, secondLast: 0 ..< 0, last: 0 ..< 0) }
            return FieldSummary(count: count, first: fields.start(0) ..< fields.end(0),
                                secondLast: count >= 2 ? fields.start(count - 2) ..< fields.end(count - 2) : 0 ..< 0,
                                last: fields.start(count - 1) ..< fields.end(count - 1))
        }
        var end = line.count
        while end > 0, line[end - 1] == delimiter { end -= 1 }
        guard end > 0 else { return FieldSummary(count: 0, first: 0 ..< 0, secondLast: 0 ..< 0, last: 0 ..< 0) }
        // Counting without branches lets the compiler vectorize; the three scans below each
        // stop at their first delimiter, so a line costs few mispredicted branches.
        var count = 1
        for position in 0 ..< end { count &+= line[position] == delimiter ? 1 : 0 }
        var firstEnd = 0
        while firstEnd < end, line[firstEnd] != delimiter { firstEnd += 1 }
        var lastDelimiter = end - 1
        while lastDelimiter >= 0, line[lastDelimiter] != delimiter { lastDelimiter -= 1 }
        var previousDelimiter = lastDelimiter - 1
        while previousDelimiter >= 0, line[previousDelimiter] != delimiter { previousDelimiter -= 1 }
        return FieldSummary(count: count, first: 0 ..< firstEnd,
                            secondLast: count >= 2 ? previousDelimiter + 1 ..< lastDelimiter : 0 ..< 0,
                            last: lastDelimiter + 1 ..< end)
    }

    /// The end of a match of `units[unit...]` starting at `position`, if any (greedy `+` with backtracking).
    private func match(_ line: UnsafeBufferPointer<UInt8>, unit: Int, at position: Int) -> Int? {
        if unit == units.count { return position }
        let current = units[unit]
        guard position < line.count, current.set.contains(line[position]) else { return nil }
        guard current.repeats else { return match(line, unit: unit + 1, at: position + 1) }
        var end = position + 1
        while end < line.count, current.set.contains(line[end]) { end += 1 }
        while end > position {
            if let matched = match(line, unit: unit + 1, at: end) { return matched }
            end -= 1
        }
        return nil
    }

    private struct Unit: Sendable, Equatable {
        var set: ByteSet
        var repeats = false
    }

    private static let whitespace: ByteSet = {
        var set = ByteSet()
        for byte in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D] as [UInt8] { set.insert(byte) }
        return set
    }()

    /// Reads `\X` at `index`; returns the bytes it matches and the index after it.
    private static func escape(_ bytes: [UInt8], at index: Int, pattern: String) throws(DelimiterError) -> (ByteSet, Int) {
        guard index + 1 < bytes.count else {
            throw DelimiterError(pattern: pattern, reason: "the pattern ends with a lone '\\'")
        }
        let letter = bytes[index + 1]
        switch letter {
        case UInt8(ascii: "t"): return (ByteSet(0x09), index + 2)
        case UInt8(ascii: "n"): return (ByteSet(0x0A), index + 2)
        case UInt8(ascii: "r"): return (ByteSet(0x0D), index + 2)
        case UInt8(ascii: "f"): return (ByteSet(0x0C), index + 2)
        case UInt8(ascii: "s"): return (whitespace, index + 2)
        default:
            let isAlphanumeric = (letter >= 0x30 && letter <= 0x39) || (letter | 0x20 >= 0x61 && letter | 0x20 <= 0x7A)
            guard letter < 0x80, !isAlphanumeric else {
                throw DelimiterError(pattern: pattern, reason: "the escape '\\\(Character(Unicode.Scalar(letter)))' is not supported (use \\t, \\n, \\r, \\f, \\s or an escaped punctuation character)")
            }
            return (ByteSet(letter), index + 2)
        }
    }

    /// Reads `[...]` at `index` (no negation, no ranges); returns its bytes and the index after `]`.
    private static func bracketClass(_ bytes: [UInt8], at index: Int, pattern: String) throws(DelimiterError) -> (ByteSet, Int) {
        var set = ByteSet()
        var position = index + 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "^") {
            throw DelimiterError(pattern: pattern, reason: "negated classes '[^...]' are not supported")
        }
        while position < bytes.count, bytes[position] != UInt8(ascii: "]") {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                let (escaped, next) = try escape(bytes, at: position, pattern: pattern)
                set.formUnion(escaped)
                position = next
            } else if byte == UInt8(ascii: "-"), position != index + 1, position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "]") {
                throw DelimiterError(pattern: pattern, reason: "ranges inside '[...]' are not supported")
            } else if byte == UInt8(ascii: "["), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ":") {
                throw DelimiterError(pattern: pattern, reason: "POSIX classes '[:...:]' are not supported")
            } else {
                set.insert(byte)
                position += 1
            }
        }
        guard position < bytes.count else { throw DelimiterError(pattern: pattern, reason: "'[' has no closing ']'") }
        guard !set.isEmpty else { throw DelimiterError(pattern: pattern, reason: "the class '[]' is empty") }
        return (set, position + 1)
    }
}

/// The field count of a line and the byte ranges of its first, next-to-last and last field
/// (empty ranges where the line has fewer fields).
public struct FieldSummary: Sendable, Equatable {
    public var count: Int
    public var first: Range<Int>
    public var secondLast: Range<Int>
    public var last: Range<Int>
}

/// A `-d` pattern that `FieldDelimiter` cannot interpret exactly as Perl would.
public struct DelimiterError: Error, Equatable, CustomStringConvertible, Sendable {
    public var pattern: String
    public var reason: String
    public var description: String {
        "cannot use field delimiter \(InputError.excerpt(pattern)): \(reason); supported: literal text, \\t, \\s, [ \\t], and '+' after any of them (\\s+, ' +')"
    }
}

/// A set of bytes as a 256-bit mask.
struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init(_ byte: UInt8) { insert(byte) }

    var isEmpty: Bool { words.0 | words.1 | words.2 | words.3 == 0 }

    /// The member if the set has exactly one.
    var onlyMember: UInt8? {
        var member: UInt8?
        for byte in 0...255 where contains(UInt8(byte)) {
            if member != nil { return nil }
            member = UInt8(byte)
        }
        return member
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }
}
