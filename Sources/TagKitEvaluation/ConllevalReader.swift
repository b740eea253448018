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
        let fields = FieldRanges()
        var expectedLastIndex = -1
        var withCarriageReturn: [UInt8] = []
        let outsideInfo = table.info("O")
        let delimiter = options.delimiter
        let table = self.table

        func process(_ line: UnsafeBufferPointer<UInt8>) throws {
            delimiter.split(line, into: fields)
            let count = fields.count
            if expectedLastIndex < 0 {
                expectedLastIndex = count - 1
            } else if expectedLastIndex != count - 1, count != 0 {
                throw ConllevalFormatError(file: reader.name, line: reader.lineNumber,
                                           message: "unexpected number of features: \(count) (\(expectedLastIndex + 1))",
                                           exitStatus: 1)
            }
            if count == 0 || Self.isBoundary(fields.field(0, of: line)) {
                try located { () throws(TagError) in try sink.sentenceBreak() }
                return
            }
            if count < 2 {
                throw ConllevalFormatError(file: reader.name, line: reader.lineNumber,
                                           message: "conlleval: unexpected number of features in line \(String(decoding: line, as: UTF8.self))",
                                           exitStatus: 255)
            }
            let goldField = fields.field(count - 2, of: line)
            let predictedField = fields.field(count - 1, of: line)
            let gold = Self.isOutside(goldField) ? outsideInfo : table.info(goldField)
            let predicted = Self.isOutside(predictedField) ? outsideInfo : table.info(predictedField)
            let text = fields.field(0, of: line)
            try located { () throws(TagError) in try sink.token(gold: gold, predicted: predicted, text: text) }
        }

        func located(_ body: () throws(TagError) -> Void) throws {
            do {
                try body()
            } catch {
                throw InputError(file: reader.name, line: reader.lineNumber, expected: error.expected,
                                 found: InputError.excerpt(table.tags.string(error.tagID)))
            }
        }

        while try reader.nextLine({ (line, ending) throws -> Void in
            if ending == .crlf {
                // conlleval strips only the "\n": the "\r" belongs to the last field.
                withCarriageReturn.removeAll(keepingCapacity: true)
                withCarriageReturn.append(contentsOf: line)
                withCarriageReturn.append(0x0D)
                try withCarriageReturn.withUnsafeBufferPointer { try process($0) }
            } else {
                try process(line)
            }
        }) != nil {}
        do {
            try sink.finish()
        } catch {
            throw InputError(file: reader.name, line: reader.lineNumber, expected: error.expected,
                             found: InputError.excerpt(table.tags.string(error.tagID)))
        }
    }

    @inline(__always)
    static func isBoundary(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.count == 3 && field[0] == UInt8(ascii: "-") && field[1] == UInt8(ascii: "X") && field[2] == UInt8(ascii: "-")
    }

    @inline(__always)
    static func isOutside(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        field.count == 1 && field[0] == UInt8(ascii: "O")
    }
}
