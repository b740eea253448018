extension Tokenizer {
    /// Tokenizes a file (or standard input for `-`) paragraph by paragraph and hands each
    /// sentence to `body` in input order.
    ///
    /// A paragraph is a run of lines up to a blank (or whitespace-only) line; a sentence never
    /// crosses one. A paragraph longer than 64 KiB is also cut after a line ending in `.`, `!` or
    /// `?` (where the sentence splitter ends a sentence anyway), and one longer than 4 MiB after any
    /// line, so memory stays bounded for files without blank lines (an abbreviation ending such a
    /// cut gives up its period, as at the end of any text). Token offsets are UTF-8 byte offsets into
    /// the whole input, line endings included.
    ///
    /// - Throws: `FileError` when the input cannot be read, `InputError` (file, line, byte offset)
    ///   at the first invalid UTF-8.
    public func tokenizeFile(path: String, _ body: (TextSentence) throws -> Void) throws {
        try tokenize(lines: LineReader(path: path), body)
    }

    /// Tokenizes the remaining lines of `reader` (a file, standard input or bytes in memory) as
    /// `tokenizeFile(path:_:)` does.
    public func tokenize(lines reader: LineReader, _ body: (TextSentence) throws -> Void) throws {
        var paragraph: [UInt8] = []
        var paragraphOffset = 0
        var paragraphLine = 1
        func flush() throws {
            guard !paragraph.isEmpty else { return }
            let found = try paragraph.withUnsafeBufferPointer {
                try self.sentences(inUTF8: $0, byteOffset: paragraphOffset, source: reader.name, firstLine: paragraphLine)
            }
            for sentence in found { try body(sentence) }
            paragraph.removeAll(keepingCapacity: true)
        }
        while let endsChunk = try reader.nextLine({ line, ending -> Bool in
            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }
            if !isBlank {
                if paragraph.isEmpty {
                    paragraphOffset = reader.lineOffset
                    paragraphLine = reader.lineNumber
                }
                paragraph.append(contentsOf: line)
                switch ending {
                case .lf: paragraph.append(0x0A)
                case .crlf: paragraph.append(contentsOf: [0x0D, 0x0A])
                case .none: break
                }
            }
            if isBlank || paragraph.count >= 1 << 22 { return true }
            guard paragraph.count >= 1 << 16, let last = line.last(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
            return last == 0x2E || last == 0x21 || last == 0x3F
        }) {
            if endsChunk { try flush() }
        }
        try flush()
    }
}
