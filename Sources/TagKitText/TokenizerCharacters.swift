import CUTF8Proc

/// The coarse character classes the tokenizer's rules look at, from the Unicode general
/// category (utf8proc) with a few scalars given their own class.
enum TokenizerCharClass: UInt8 {
    /// Whitespace other than a line break (Zs, tab, vertical tab, form feed, U+001C–U+001F).
    case space
    /// A line break: `\n`, `\r`, U+0085, U+2028, U+2029.
    case newline
    /// Lu, Lt.
    case upper
    /// Ll.
    case lower
    /// Lm, Lo, Nl, No: letters without case and number-like symbols such as `²`.
    case otherLetter
    /// Nd.
    case digit
    /// Mn, Mc, Me, Cf and the emoji skin-tone modifiers U+1F3FB–U+1F3FF: they stay with the scalar before.
    case mark
    /// `'` and `’`.
    case apostrophe
    /// `-`, U+2010, U+2011.
    case hyphen
    /// `.`
    case period
    /// `,`
    case comma
    /// Any other punctuation (P*).
    case punctuation
    /// Symbols (S*), emoji included.
    case symbol
    /// Controls, private use, unassigned.
    case other

    /// Letters, digits and marks: what words are made of.
    @inline(__always) var isWordCharacter: Bool {
        switch self {
        case .upper, .lower, .otherLetter, .digit, .mark: return true
        default: return false
        }
    }

    @inline(__always) var isLetter: Bool {
        self == .upper || self == .lower || self == .otherLetter
    }

    @inline(__always) var isWhitespace: Bool { self == .space || self == .newline }
}

/// Text decoded for the tokenizer: one entry per Unicode scalar, with its class and the byte
/// offset where it starts in the UTF-8 input.
struct TokenizerDecodedText {
    var scalars: [UInt32]
    var classes: [TokenizerCharClass]
    /// `byteOffsets[i]` is where scalar `i` starts; `byteOffsets[count]` is the input's byte count.
    var byteOffsets: [Int]

    var count: Int { scalars.count }

    /// The first byte offset of invalid UTF-8 in `bytes`, with what was found there.
    struct InvalidUTF8: Error {
        var byteOffset: Int
        var found: String
    }

    /// Decodes and validates `bytes` (strict UTF-8: no overlong forms, no surrogates, nothing
    /// above U+10FFFF). ASCII bytes go through a table; other scalars ask utf8proc for their category.
    init(bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) {
        let count = bytes.count
        scalars = [UInt32](repeating: 0, count: count)
        classes = [TokenizerCharClass](repeating: .space, count: count)
        byteOffsets = [Int](repeating: 0, count: count + 1)
        var decoded = 0
        var failure: InvalidUTF8?
        let twoByte = twoByteClasses
        asciiClasses.withUnsafeBufferPointer { ascii in
            scalars.withUnsafeMutableBufferPointer { scalars in
                classes.withUnsafeMutableBufferPointer { classes in
                    byteOffsets.withUnsafeMutableBufferPointer { offsets in
                        var index = 0
                        while index < count {
                            let lead = bytes[index]
                            offsets[decoded] = index
                            if lead < 0x80 {
                                scalars[decoded] = UInt32(lead)
                                classes[decoded] = ascii[Int(lead)]
                                index += 1
                            } else {
                                do throws(InvalidUTF8) {
                                    let (scalar, length) = try Self.decodeMultibyte(bytes, at: index)
                                    scalars[decoded] = scalar
                                    classes[decoded] = scalar < 0x800 ? twoByte[Int(scalar)] : Self.classify(scalar)
                                    index += length
                                } catch {
                                    failure = error
                                    return
                                }
                            }
                            decoded += 1
                        }
                        offsets[decoded] = count
                    }
                }
            }
        }
        if let failure { throw failure }
        scalars.removeLast(count - decoded)
        classes.removeLast(count - decoded)
        byteOffsets.removeLast(count - decoded)
    }

    private static func decodeMultibyte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(InvalidUTF8) -> (UInt32, Int) {
        let lead = bytes[index]
        let length: Int
        var scalar: UInt32
        var minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07); minimum = 0x10000
        default:
            throw InvalidUTF8(byteOffset: index, found: "byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        guard index + length <= bytes.count else {
            throw InvalidUTF8(byteOffset: index, found: "a truncated \(length)-byte sequence at the end of the input")
        }
        for next in 1..<length {
            let byte = bytes[index + next]
            guard byte & 0xC0 == 0x80 else {
                throw InvalidUTF8(byteOffset: index + next,
                                  found: "byte 0x\(String(byte, radix: 16, uppercase: true)) inside a \(length)-byte sequence")
            }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
            let code = "U+\(String(scalar, radix: 16, uppercase: true))"
            let problem = scalar < minimum ? "an overlong \(length)-byte encoding of \(code)"
                : scalar > 0x10FFFF ? "\(code), beyond U+10FFFF" : "the surrogate \(code), which UTF-8 does not encode"
            throw InvalidUTF8(byteOffset: index, found: problem)
        }
        return (scalar, length)
    }

    /// The class of a non-ASCII scalar.
    static func classify(_ scalar: UInt32) -> TokenizerCharClass {
        switch scalar {
        case 0x85, 0x2028, 0x2029: return .newline
        case 0x2019: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        case 0x1F3FB...0x1F3FF: return .mark
        default: break
        }
        switch utf8proc_category(Int32(bitPattern: scalar)).rawValue {
        case UTF8PROC_CATEGORY_LU.rawValue, UTF8PROC_CATEGORY_LT.rawValue: return .upper
        case UTF8PROC_CATEGORY_LL.rawValue: return .lower
        case UTF8PROC_CATEGORY_LM.rawValue, UTF8PROC_CATEGORY_LO.rawValue,
             UTF8PROC_CATEGORY_NL.rawValue, UTF8PROC_CATEGORY_NO.rawValue: return .otherLetter
        case UTF8PROC_CATEGORY_ND.rawValue: return .digit
        case UTF8PROC_CATEGORY_MN.rawValue, UTF8PROC_CATEGORY_MC.rawValue, UTF8PROC_CATEGORY_ME.rawValue,
             UTF8PROC_CATEGORY_CF.rawValue: return .mark
        case UTF8PROC_CATEGORY_PC.rawValue...UTF8PROC_CATEGORY_PO.rawValue: return .punctuation
        case UTF8PROC_CATEGORY_SM.rawValue...UTF8PROC_CATEGORY_SO.rawValue: return .symbol
        case UTF8PROC_CATEGORY_ZS.rawValue: return .space
        case UTF8PROC_CATEGORY_ZL.rawValue, UTF8PROC_CATEGORY_ZP.rawValue: return .newline
        default: return .other
        }
    }
}

/// The class of every scalar below U+0800 (the two-byte UTF-8 range: Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic), so the common non-ASCII letters need no utf8proc call.
private let twoByteClasses: [TokenizerCharClass] = (0..<0x800).map { (scalar: UInt32) -> TokenizerCharClass in
    scalar < 0x80 ? asciiClasses[Int(scalar)] : TokenizerDecodedText.classify(scalar)
}

/// The class of every ASCII byte.
private let asciiClasses: [TokenizerCharClass] = (0..<128).map { (byte: Int) -> TokenizerCharClass in
    switch UInt8(byte) {
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return .newline
    case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, 0x1C...0x1F: return .space
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return .upper
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return .lower
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
    case UInt8(ascii: "'"): return .apostrophe
    case UInt8(ascii: "-"): return .hyphen
    case UInt8(ascii: "."): return .period
    case UInt8(ascii: ","): return .comma
    case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
         UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): return .symbol
    case 0x21...0x7E: return .punctuation
    default: return .other
    }
}
