/// One example of a text-classification file.
public struct LabeledText: Equatable, Sendable {
    public var label: String
    public var text: String
    /// 1-based line number in the input.
    public var line: Int

    public init(label: String, text: String, line: Int) {
        self.label = label
        self.text = text
        self.line = line
    }
}

/// Reads tab-separated classification files: one example per line, `label<TAB>text` by default, or any
/// label and text columns (TREC: `coarse<TAB>fine<TAB>text`).
///
/// Errors name file and line: a line without enough tab-separated fields, an empty label or text,
/// invalid UTF-8, a NUL byte. Blank lines are errors too, since they would silently shift line-aligned outputs.
public struct LabeledTextReader {
    /// 0-based column of the label.
    public var labelColumn: Int
    /// 0-based column of the text; negative counts from the end (-1: the last column).
    public var textColumn: Int

    public init(labelColumn: Int = 0, textColumn: Int = -1) {
        self.labelColumn = labelColumn
        self.textColumn = textColumn
    }

    /// Reads every example of `path` (`-` for standard input).
    public func read(path: String) throws -> [LabeledText] {
        try read(lines: LineReader(path: path))
    }

    /// Reads every remaining example of `lines` (a file, standard input or bytes in memory).
    public func read(lines: LineReader) throws -> [LabeledText] {
        var examples: [LabeledText] = []
        while let example = try lines.nextLine({ bytes, _ in try parse(bytes, line: lines.lineNumber, file: lines.name) }) {
            examples.append(example)
        }
        return examples
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String) throws -> LabeledText {
        try InputError.checkTextLine(bytes, file: file, line: line)
        let fields = bytes.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let text = textColumn < 0 ? fields.count + textColumn : textColumn
        let needed = max(labelColumn, text) + 1
        guard fields.count >= needed, text >= 0, text != labelColumn else {
            throw InputError(file: file, line: line, expected: "at least \(max(needed, 2)) tab-separated fields (label and text)",
                             found: "\(fields.count) in \(InputError.excerpt(bytes: bytes))")
        }
        guard !fields[labelColumn].isEmpty else {
            throw InputError(file: file, line: line, expected: "a label in field \(labelColumn + 1)", found: "an empty field")
        }
        guard fields[text].contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: file, line: line, expected: "a text in field \(text + 1)", found: "an empty text")
        }
        return LabeledText(label: fields[labelColumn], text: fields[text], line: line)
    }
}
