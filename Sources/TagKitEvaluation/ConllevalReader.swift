import TagKitText

/// How conlleval input is read: `conlleval.pl`'s `-d`, `-r` and `-o` options.
public struct ConllevalOptions: Sendable, Equatable {
    /// Field separator (`-d`, a Perl regex; default one space).
    public var delimiter: FieldDelimiter
    /// Raw tags (`-r`): every tag but `O` gets `B-` in front, so each is a one-token phrase.
    public var raw: Bool
    /// The outside tag (`-o`); conlleval only honours it together with `-r`.
    public var outsideTag: String

    public init(delimiter: FieldDelimiter = .space, raw: Bool = false, outsideTag: String = "O") {
        self.delimiter = delimiter
        self.raw = raw
        self.outsideTag = outsideTag
    }
}

/// Input that conlleval.pl itself rejects, with its message and exit status, located in the file.
///
/// The description is `FILE:LINE: MESSAGE`, where MESSAGE is conlleval's own wording:
/// `unexpected number of features: N (M)` (exit status 1) or
/// `conlleval: unexpected number of features in line LINE` (the script `die`s: exit status 255).
public struct ConllevalFormatError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    /// conlleval.pl's message, without the final newline.
    public var message: String
    /// The exit status conlleval.pl ends with.
    public var exitStatus: Int32

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads conlleval input (`token [columns…] gold predicted`, sentences separated by blank lines)
/// exactly as conlleval.pl does, and feeds each token to a `TagSequenceSink`.
///
/// conlleval's reading rules: a line loses only its `\n` (a `\r` stays in the last field); fields
/// are split by `ConllevalOptions.delimiter`; the first non-empty line fixes the field count and
/// a later non-empty line with another count is an error (exit 1); a line with one field dies
/// (exit 255); the last two fields are the gold and predicted tags; an empty line or a line whose
/// first field is `-X-` is a sentence break (and not a token); `-DOCSTART-` is an ordinary token.
public struct ConllevalReader {
    public let options: ConllevalOptions
    public let table: TagTable

    public init(options: ConllevalOptions, table: TagTable) {
        self.options = options
        self.table = table
    }

    /// Reads `path` (`-` = standard input) into `sink`, then calls `sink.finish()`.
    public func read<Sink: TagSequenceSink>(path: String, into sink: inout Sink) throws {
        let reader = try LineReader(path: path)
        var parser = LineParser(options: options, table: table)
        var withCarriageReturn: [UInt8] = []
        do {
            while try reader.nextLine({ (line, ending) throws -> Void in
                if ending == .crlf {
                    // conlleval strips only the "\n": the "\r" belongs to the last field.
                    withCarriageReturn.removeAll(keepingCapacity: true)
                    withCarriageReturn.append(contentsOf: line)
                    withCarriageReturn.append(0x0D)
                    try withCarriageReturn.withUnsafeBufferPointer { buffer in try parser.process(buffer, into: &sink) }
                } else {
                    try parser.process(line, into: &sink)
                }
            }) != nil {}
            do {
                try sink.finish()
            } catch {
                throw LineError.tag(error)
            }
        } catch let error as LineError {
            switch error {
            case .features(let count, let expected):
                throw ConllevalFormatError(file: reader.name, line: reader.lineNumber,
                                           message: "unexpected number of features: \(count) (\(expected))", exitStatus: 1)
            case .tooFewFeatures(let line):
                throw ConllevalFormatError(file: reader.name, line: reader.lineNumber,
                                           message: "conlleval: unexpected number of features in line \(String(decoding: line, as: UTF8.self))",
                                           exitStatus: 255)
            case .tag(let tagError):
                throw InputError(file: reader.name, line: reader.lineNumber, expected: tagError.expected,
                                 found: InputError.excerpt(table.tags.string(tagError.tagID)))
            }
        }
    }

    /// What can go wrong on one line, before the file and line number are known.
    enum LineError: Error {
        case features(count: Int, expected: Int)
        case tooFewFeatures(line: [UInt8])
        case tag(TagError)
    }

    /// The per-line state of conlleval's reading loop, kept in a struct (not captured variables)
    /// so the hot loop touches only locals.
    struct LineParser {
        let delimiter: FieldDelimiter
        let fields = FieldRanges()
        var cache: TagCache
        var expectedLastIndex = -1

        init(options: ConllevalOptions, table: TagTable) {
            delimiter = options.delimiter
            cache = TagCache(table: table)
        }

        @inline(__always)
        mutating func process<Sink: TagSequenceSink>(_ line: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws(LineError) {
            let summary = delimiter.summarize(line, scratch: fields)
            let count = summary.count
            if expectedLastIndex < 0 {
                expectedLastIndex = count - 1
            } else if expectedLastIndex != count - 1, count != 0 {
                throw .features(count: count, expected: expectedLastIndex + 1)
            }
            if count == 0 || ConllevalReader.isBoundary(UnsafeBufferPointer(rebasing: line[summary.first])) {
                do { try sink.sentenceBreak() } catch { throw .tag(error) }
                return
            }
            if count < 2 { throw .tooFewFeatures(line: Array(line)) }
            let gold = cache.info(UnsafeBufferPointer(rebasing: line[summary.secondLast]))
            let predicted = cache.info(UnsafeBufferPointer(rebasing: line[summary.last]))
            do {
                try sink.token(gold: gold, predicted: predicted, text: UnsafeBufferPointer(rebasing: line[summary.first]))
            } catch {
                throw .tag(error)
            }
        }
    }

    @inline(__always)
    static func isBoundary(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.count == 3 && field[0] == UInt8(ascii: "-") && field[1] == UInt8(ascii: "X") && field[2] == UInt8(ascii: "-")
    }

}
