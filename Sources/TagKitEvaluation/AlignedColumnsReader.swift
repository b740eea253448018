import TagKitText

/// Reads a gold file and a prediction file side by side, line by line, and feeds each token to a
/// `TagSequenceSink`: the tag is the last field of each line (or field `tagColumn`, 1-based).
///
/// The two files must be aligned exactly: a sentence break (a blank line, or a line whose first
/// field is `-X-`) in one must be a break in the other, every token line must carry the same token
/// text (first field) in both, and both must end together. Any difference is an `InputError`
/// naming the line in both files, never a silently shifted score. A `\r` before `\n` is dropped.
public struct AlignedColumnsReader {
    public let delimiter: FieldDelimiter
    /// The 1-based field holding the tag, or `nil` for the last field.
    public let tagColumn: Int?
    public let table: TagTable

    public init(delimiter: FieldDelimiter = .space, tagColumn: Int? = nil, table: TagTable) {
        self.delimiter = delimiter
        self.tagColumn = tagColumn
        self.table = table
    }

    /// Reads `goldPath` and `predictedPath` (one of them may be `-`) into `sink`, then calls `sink.finish()`.
    public func read<Sink: TagSequenceSink>(goldPath: String, predictedPath: String, into sink: inout Sink) throws {
        let gold = try LineReader(path: goldPath)
        let predicted = try LineReader(path: predictedPath)
        let goldFields = FieldRanges(), predictedFields = FieldRanges()
        let delimiter = self.delimiter, table = self.table, tagColumn = self.tagColumn

        func place(_ reader: LineReader) -> String { "\(reader.name):\(reader.lineNumber)" }

        func tagField(_ fields: FieldRanges, _ line: UnsafeBufferPointer<UInt8>, _ reader: LineReader) throws -> UnsafeBufferPointer<UInt8> {
            let column = tagColumn ?? fields.count
            guard fields.count >= 2, column >= 1, column <= fields.count else {
                throw InputError(file: reader.name, line: reader.lineNumber,
                                 expected: tagColumn.map { "a token line with at least \(max($0, 2)) fields (tag column \($0))" }
                                    ?? "a token line with at least 2 fields (token and tag; is the delimiter right? -d '\\t' for TAB-separated files)",
                                 found: "\(fields.count) field\(fields.count == 1 ? "" : "s") in \(InputError.excerpt(bytes: line))")
            }
            return fields.field(column - 1, of: line)
        }

        func pair(_ goldLine: UnsafeBufferPointer<UInt8>, _ predictedLine: UnsafeBufferPointer<UInt8>) throws {
            delimiter.split(goldLine, into: goldFields)
            delimiter.split(predictedLine, into: predictedFields)
            let goldBreak = goldFields.count == 0 || ConllevalReader.isBoundary(goldFields.field(0, of: goldLine))
            let predictedBreak = predictedFields.count == 0 || ConllevalReader.isBoundary(predictedFields.field(0, of: predictedLine))
            if goldBreak != predictedBreak {
                throw InputError(file: gold.name, line: gold.lineNumber,
                                 expected: goldBreak ? "a token line, as at \(place(predicted))" : "a sentence break, as at \(place(predicted))",
                                 found: goldBreak ? "a sentence break while \(place(predicted)) has \(InputError.excerpt(bytes: predictedLine))"
                                    : "\(InputError.excerpt(bytes: goldLine)) while \(place(predicted)) is a sentence break")
            }
            if goldBreak {
                try located { () throws(TagError) in try sink.sentenceBreak() }
                return
            }
            let goldTag = try tagField(goldFields, goldLine, gold)
            let predictedTag = try tagField(predictedFields, predictedLine, predicted)
            let goldText = goldFields.field(0, of: goldLine), predictedText = predictedFields.field(0, of: predictedLine)
            guard goldText.elementsEqual(predictedText) else {
                throw InputError(file: gold.name, line: gold.lineNumber,
                                 expected: "the token at \(place(predicted)), \(InputError.excerpt(bytes: predictedText))",
                                 found: InputError.excerpt(bytes: goldText))
            }
            let goldInfo = table.info(goldTag), predictedInfo = table.info(predictedTag)
            do {
                try sink.token(gold: goldInfo, predicted: predictedInfo, text: goldText)
            } catch {
                let reader = error.tagID == goldInfo.id ? gold : predicted
                throw InputError(file: reader.name, line: reader.lineNumber, expected: error.expected,
                                 found: InputError.excerpt(table.tags.string(error.tagID)))
            }
        }

        func located(_ body: () throws(TagError) -> Void) throws {
            do {
                try body()
            } catch {
                throw InputError(file: gold.name, line: gold.lineNumber, expected: error.expected,
                                 found: InputError.excerpt(table.tags.string(error.tagID)))
            }
        }

        while true {
            let goldHadLine: Bool? = try gold.nextLine { (goldLine, _) throws -> Bool in
                let predictedHadLine: Bool? = try predicted.nextLine { (predictedLine, _) throws -> Bool in
                    try pair(goldLine, predictedLine)
                    return true
                }
                if predictedHadLine == nil {
                    throw InputError(file: predicted.name, line: predicted.lineNumber + 1,
                                     expected: "a line matching \(place(gold)), \(InputError.excerpt(bytes: goldLine))",
                                     found: "the end of the file")
                }
                return true
            }
            if goldHadLine == nil {
                if let extra = try predicted.nextLine({ line, _ in Array(line) }) {
                    throw InputError(file: gold.name, line: gold.lineNumber + 1,
                                     expected: "a line matching \(place(predicted)), \(InputError.excerpt(bytes: extra))",
                                     found: "the end of the file")
                }
                break
            }
        }
        try located { () throws(TagError) in try sink.finish() }
    }
}
