import Testing
@testable import TagKitEvaluation

@Suite struct FieldDelimiterTests {
    private func fields(_ line: String, _ pattern: String) throws -> [String] {
        let delimiter = try FieldDelimiter(perlRegex: pattern)
        let ranges = FieldRanges(capacity: 2)
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            delimiter.split(buffer, into: ranges)
            return (0 ..< ranges.count).map { String(decoding: ranges.field($0, of: buffer), as: UTF8.self) }
        }
    }

    @Test func splitsLikePerlSplitWithOneSpace() throws {
        #expect(try fields("a b c", " ") == ["a", "b", "c"])
        #expect(try fields("a  b", " ") == ["a", "", "b"])
        #expect(try fields(" a b", " ") == ["", "a", "b"])
        #expect(try fields("a b  ", " ") == ["a", "b"])
        #expect(try fields("   ", " ").isEmpty)
        #expect(try fields("", " ").isEmpty)
        #expect(try fields("a\tb c", " ") == ["a\tb", "c"])
    }

    @Test func interpretsTheEscapesConllevalIsUsedWith() throws {
        #expect(try fields("a\tb\t\tc", "\\t") == ["a", "b", "", "c"])
        #expect(try fields("a\tb\t\tc", "\t") == ["a", "b", "", "c"])
        #expect(try fields("a \t b\tc  ", "\\s+") == ["a", "b", "c"])
        #expect(try fields(" a  b", " +") == ["", "a", "b"])
        #expect(try fields("a \tb", "[ \\t]+") == ["a", "b"])
        #expect(try fields("a||b|c", "\\|\\|") == ["a", "b|c"])
        #expect(try fields("x::y:z", "::") == ["x", "y:z"])
        #expect(try fields("a  b", "\\s+\\s") == ["a", "b"])
    }

    @Test(arguments: ["", ".", "a*", "(a)", "a|b", "\\d", "[a-z]", "[^ ]", "\\", "+", "x?", "[ "])
    func rejectsWhatItCannotInterpret(pattern: String) {
        #expect(throws: DelimiterError.self) { try FieldDelimiter(perlRegex: pattern) }
    }

    @Test func errorNamesThePatternAndWhatIsSupported() {
        #expect(throws: DelimiterError.self) { try FieldDelimiter(perlRegex: "a*") }
        do {
            _ = try FieldDelimiter(perlRegex: "a*")
        } catch {
            #expect(error.description.contains("'a*'"))
            #expect(error.description.contains("\\s+"))
        }
    }

    /// The one-pass summary (fast path for one-byte delimiters, `split` otherwise) agrees with `split`.
    @Test(arguments: [" ", "\\t", "\\s+", " +", "[ \\t]", "::"])
    func summaryAgreesWithSplit(pattern: String) throws {
        let delimiter = try FieldDelimiter(perlRegex: pattern)
        let lines = ["a b c", "a  b", " a b", "a b  ", "   ", "", "a", "a\tb\tc", "x::y::::z", "tok POS B-PER I-PER", "\t\ta"]
        for line in lines {
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let ranges = FieldRanges()
                delimiter.split(buffer, into: ranges)
                let summary = delimiter.summarize(buffer, scratch: FieldRanges())
                #expect(summary.count == ranges.count, "\(pattern) on \(line)")
                if ranges.count > 0 {
                    #expect(summary.first == ranges.start(0) ..< ranges.end(0), "\(pattern) on \(line)")
                    #expect(summary.last == ranges.start(ranges.count - 1) ..< ranges.end(ranges.count - 1), "\(pattern) on \(line)")
                }
                if ranges.count > 1 {
                    #expect(summary.secondLast == ranges.start(ranges.count - 2) ..< ranges.end(ranges.count - 2), "\(pattern) on \(line)")
                }
            }
        }
    }

    /// Perl's `%17s` pads to 17 bytes, not characters (e21's `ÉVT` gets 13 spaces).
    @Test func alignsTypeNamesByBytes() {
        #expect(CFormat.rightAligned(Array("ÉVT".utf8), width: 17).count == 17)
        #expect(CFormat.rightAligned(Array("ÉVT".utf8), width: 17).prefix(13).allSatisfy { $0 == 0x20 })
    }
}
