extension Tokenizer {
    /// Tokenizes a file (or standard input for `-`) paragraph by paragraph and hands each
    /// sentence to `body` in input order.
    ///
    /// A paragraph is a run of lines up to a blank (or whitespace-only) line; a sentence never
    /// crosses one, so memory stays bounded by the longest paragraph. Token offsets are UTF-8
    /// byte offsets into the whole input, line endings included.
    ///
    /// - Throws: `FileError` when the input cannot be read, `InputError` (file, line, byte offset)
    ///   at the first invalid UTF-8.
    public func tokenizeFile(path: String, _ body: (TextSentence) throws -> Void) throws {
        let reader = try LineReader(path: path)
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
        while let isBlank = try reader.nextLine({ line, ending -> Bool in
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
            return isBlank
        }) {
            if isBlank { try flush() }
        }
        try flush()
    }
}
