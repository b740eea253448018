extension InputError {
    /// Rejects a line of text input that holds a NUL byte or invalid UTF-8, naming `file`, `line` and the
    /// 1-based byte position of the problem in the line; every line-oriented text reader calls it, so the
    /// same damage gives the same message whichever command reads the file.
    public static func checkTextLine(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws(InputError) {
        if let nul = bytes.firstIndex(of: 0) {
            throw InputError(file: file, line: line, expected: "text", found: "a NUL byte at byte \(nul + 1) of the line")
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw InputError(file: file, line: line, expected: "UTF-8 text",
                             found: "the invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad + 1) of the line")
        }
    }
}
