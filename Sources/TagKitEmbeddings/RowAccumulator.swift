import TagKitText

/// Collects parsed rows into a `WordVectors` in file order, applying the load options: UTF-8 policy,
/// `restrictTo`, and first-occurrence-wins for duplicate words. Shared by the text and binary readers.
struct RowAccumulator {
    let dimension: Int
    let fileName: String
    let encoding: WordEncodingPolicy
    /// Every word form a lookup of a `restrictTo` word may try; nil keeps all rows.
    let restriction: WordTable?
    var words: WordTable
    var values: [Float]
    var report: VectorLoadReport
    /// Keeps the slot-touching loads of `prefetch` alive.
    private var prefetchSink: Int32 = 0
    /// How many duplicate examples the report keeps.
    static let duplicateExamples = 5

    init(dimension: Int, fileName: String, options: VectorLoadOptions, expectedRows: Int, report: VectorLoadReport) {
        self.dimension = dimension
        self.fileName = fileName
        encoding = options.encoding
        restriction = options.restrictTo.map { vocabulary in
            var forms = WordTable(expectedCount: vocabulary.count * 2)
            for word in vocabulary {
                for (form, _) in VectorLookupStep.forms(of: word) { forms.insert(form) }
            }
            return forms
        }
        let rows = restriction.map { min($0.count, expectedRows) } ?? expectedRows
        words = WordTable(expectedCount: rows)
        values = []
        values.reserveCapacity(rows * dimension)
        self.report = report
    }

    /// Brings the table slots of words about to be added (by their `WordTable.hash`) into cache.
    mutating func prefetch(_ hashes: ArraySlice<Int>) {
        prefetchSink &+= (restriction ?? words).touchSlots(hashes)
    }

    /// Adds one row (`dimension` values at `row`) for the word with bytes `word` and `WordTable.hash` `hash`.
    /// `line` or `byteOffset` (of the word's first byte) locate it for errors and reports.
    mutating func add(word: UnsafeBufferPointer<UInt8>, hash: Int, row: UnsafePointer<Float>, line: Int?, byteOffset: Int) throws {
        report.rowsRead += 1
        var ascii: UInt8 = 0
        for byte in word { ascii |= byte }
        if ascii >= 0x80, let bad = UTF8Validation.firstInvalidOffset(word) {
            switch encoding {
            case .strict:
                throw InputError(file: fileName, line: line, byteOffset: byteOffset + bad,
                                 expected: "a word in valid UTF-8",
                                 found: "byte 0x\(String(word[bad], radix: 16, uppercase: true)) in \(InputError.excerpt(bytes: word))")
            case .lenient:
                report.repairedWords += 1
                var repaired = String(decoding: word, as: UTF8.self)
                try repaired.withUTF8 {
                    try keep(word: $0, hash: WordTable.hash($0), row: row, line: line, byteOffset: byteOffset)
                }
                return
            }
        }
        try keep(word: word, hash: hash, row: row, line: line, byteOffset: byteOffset)
    }

    private mutating func keep(word: UnsafeBufferPointer<UInt8>, hash: Int, row: UnsafePointer<Float>,
                               line: Int?, byteOffset: Int) throws {
        if let restriction, restriction.index(ofBytes: word, hash: hash) == nil {
            report.skippedByRestriction += 1
            return
        }
        let (_, inserted) = words.insert(bytes: word, hash: hash)
        guard inserted else {
            report.duplicateCount += 1
            if report.duplicates.count < Self.duplicateExamples {
                report.duplicates.append(DuplicateWord(word: String(decoding: word, as: UTF8.self),
                                                       line: line, byteOffset: line == nil ? byteOffset : nil))
            }
            return
        }
        values.append(contentsOf: UnsafeBufferPointer(start: row, count: dimension))
    }

    /// The finished vectors.
    func finish() -> (WordVectors, VectorLoadReport) {
        (WordVectors(words: words, values: values, dimension: dimension), report)
    }
}
