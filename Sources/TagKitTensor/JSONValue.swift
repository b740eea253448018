/// The small JSON subset a model file header needs: objects, arrays, strings, integers, and the
/// literals `true`, `false`, `null`. Parsing is strict (RFC 8259 grammar; no fractions or exponents,
/// which a safetensors header never holds) and reports the byte offset of the first problem.
enum JSONValue: Equatable {
    /// Members in text order, each with the byte offset where its value starts (for error messages).
    case object([Member])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    /// One `"key": value` of an object.
    struct Member {
        var key: String
        var value: JSONValue
        var offset: Int
    }

    /// Structural equality (offsets are ignored).
    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.integer(x), .integer(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// A parse failure: at `offset` bytes into the text, `expected` was expected and `found` seen.
    struct ParseError: Error {
        var offset: Int
        var expected: String
        var found: String
    }

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(ParseError) -> JSONValue {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("end of JSON") }
        return value
    }

    /// `text` as a JSON string literal: `"`, `\` and control characters escaped, the rest as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        static let maximumDepth = 64

        func failure(_ expected: String) -> ParseError {
            let found = position < bytes.count ? describe(bytes[position]) : "end of header"
            return ParseError(offset: position, expected: expected, found: found)
        }

        private func describe(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        private mutating func expect(_ literal: String) throws(ParseError) {
            for byte in literal.utf8 {
                guard position < bytes.count, bytes[position] == byte else { throw failure("'\(literal)'") }
                position += 1
            }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            guard depth < Self.maximumDepth else { throw failure("JSON nested at most \(Self.maximumDepth) deep") }
            skipWhitespace()
            guard position < bytes.count else { throw failure("a JSON value") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [Member] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                while true {
                    skipWhitespace()
                    let key = try string()
                    skipWhitespace()
                    try expect(":")
                    skipWhitespace()
                    let offset = position
                    members.append(Member(key: key, value: try value(depth: depth + 1), offset: offset))
                    skipWhitespace()
                    guard position < bytes.count else { throw failure("',' or '}'") }
                    if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                    guard bytes[position] == UInt8(ascii: ",") else { throw failure("',' or '}'") }
                    position += 1
                }
            case UInt8(ascii: "["):
                position += 1
                var elements: [JSONValue] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard position < bytes.count else { throw failure("',' or ']'") }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                    guard bytes[position] == UInt8(ascii: ",") else { throw failure("',' or ']'") }
                    position += 1
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .integer(try integer())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default:
                throw failure("a JSON value")
            }
        }

        private mutating func integer() throws(ParseError) -> Int {
            let start = position
            let negative = bytes[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            var magnitude = 0
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if digits == 1 && magnitude == 0 { throw failure("no leading zeros") }
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(Int(bytes[position] - 0x30))
                guard !o1 && !o2 else { position = start; throw failure("an integer below 2⁶³") }
                magnitude = next
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw failure("a digit") }
            if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
                throw failure("an integer")
            }
            return negative ? -magnitude : magnitude
        }

        private mutating func string() throws(ParseError) -> String {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("'\"'") }
            position += 1
            var utf8: [UInt8] = []
            while true {
                guard position < bytes.count else { throw failure("'\"' closing the string") }
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    guard let text = String(validating: utf8, as: UTF8.self) else {
                        throw failure("a string in valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw failure("an escape") }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw failure("a low surrogate") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw failure("a Unicode scalar") }
                        utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        position -= 1
                        throw failure("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)")
                    }
                case 0..<0x20:
                    throw failure("no control characters in a string")
                default:
                    utf8.append(byte)
                    position += 1
                }
            }
        }

        private mutating func hex4() throws(ParseError) -> UInt32 {
            var code: UInt32 = 0
            for _ in 0..<4 {
                guard position < bytes.count, let digit = hexDigit(bytes[position]) else { throw failure("a hex digit") }
                code = code * 16 + digit
                position += 1
            }
            return code
        }

        private func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }
    }
}
