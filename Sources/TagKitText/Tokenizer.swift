#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CUTF8Proc

/// A rule-based tokenizer and sentence splitter for raw text, Latin and Cyrillic alike.
///
/// The text is decoded once (UTF-8, with an ASCII fast path; character categories from utf8proc)
/// and cut at whitespace; each whitespace-free chunk is then cut by these rules, tried in order
/// at every token start:
/// 1. web addresses and e-mail addresses (`https://…`, `www.…`, `name.com/…`, `a@b.org`) stay
///    whole, minus trailing punctuation;
/// 2. `@mentions`, `#hashtags` and HTML entities (`&#39;`) stay whole;
/// 3. words: letters, digits and combining marks, joined across `.`/`,`/`:`/`/` between digits
///    (`3.14`, `1,000`, `10:30`), `.` between short letter groups (`e.g`, `U.S`, `т.е`), an
///    apostrophe before a letter, `_`, `@`, a leading `+` before digits, and a hyphen (Russian keeps
///    it except before a capitalized name part, before a number after letters and in `-то` after a
///    non-pronoun; English-EWT only after a prefix such as `non-` or inside phone numbers). A
///    following period is kept when the word is an abbreviation (`Dr.`, `etc.`, `г.`), dotted
///    (`e.g.`) or an initial (`J.`), unless it ends the text. Lowercase letters glued to a number
///    are split from it (`375 mm`) unless they are an ordinal or plural ending (`2nd`, `1990s`).
///    English clitics are split as UD does (unless `splitsClitics` is false): `don't` → `do n't`,
///    `can't` → `ca n't`, `John's` → `John 's`, `I'm` → `I 'm`, `cannot` → `can not`,
///    `gonna` → `gon na`;
/// 4. emoticons (`:-)`);
/// 5. everything else one character (grapheme: with its marks, emoji ZWJ sequences and flags) at
///    a time, except that runs of the same character form one token (`...`, `!!!`, `)))`), as do
///    runs of emoji (`😍👍`), mixed runs of `!` and `?` (in English also with `.`: `.?`); a `)`
///    that closes an open `(` is always a token of its own.
/// Whitespace always separates tokens, so `600 000` is two tokens.
///
/// Sentences are split by `SentenceSplitter` after the tokens are found.
/// Offsets are UTF-8 byte offsets into the input (see `TextToken`).
public struct Tokenizer: Sendable {
    /// The language whose conventions the rules follow.
    public enum Language: String, CaseIterable, Sendable {
        /// English-EWT conventions: clitics split, most hyphenated words split.
        case english = "en"
        /// Russian-GSD/Taiga conventions: hyphenated words kept, Russian abbreviations.
        case russian = "ru"
    }

    /// The language whose conventions the rules follow.
    public let language: Language
    /// Whether token texts are normalized to NFC (offsets still point into the original input).
    public let normalizesToNFC: Bool
    /// Whether English clitics and contractions are split into UD syntactic words (`do n't`,
    /// `can not`); when false they stay surface tokens (`don't`, `cannot`), as UD's multiword tokens.
    public let splitsClitics: Bool
    let rules: TokenizerRules

    public init(language: Language = .english, normalizesToNFC: Bool = false, splitsClitics: Bool = true) {
        self.language = language
        self.normalizesToNFC = normalizesToNFC
        self.splitsClitics = splitsClitics
        var rules: TokenizerRules
        switch language {
        case .english: rules = .english
        case .russian: rules = .russian
        }
        if !splitsClitics {
            rules.splitsEnglishClitics = false
        }
        self.rules = rules
    }

    /// The sentences of `text`, each with its tokens.
    public func sentences(in text: String) -> [TextSentence] {
        var text = text
        return text.withUTF8 { bytes in
            // A Swift String is always valid UTF-8, so decoding cannot fail.
            (try? sentences(inUTF8: bytes)) ?? []
        }
    }

    /// The tokens of `text`, without sentence splitting.
    public func tokens(in text: String) -> [TextToken] {
        var text = text
        return text.withUTF8 { bytes in
            guard let decoded = try? TokenizerDecodedText(bytes: bytes) else { return [] }
            var scanner = TokenizerScanner(text: decoded, rules: rules)
            let raw = scanner.scan()
            return raw.map { makeToken($0, decoded: decoded, bytes: bytes, byteOffset: 0) }
        }
    }

    /// The sentences of UTF-8 `bytes` that are part of a larger input starting at `byteOffset`
    /// (token offsets include it) on line `firstLine` of `source`.
    ///
    /// - Throws: `InputError` naming `source`, the line and the byte offset of the first invalid UTF-8.
    public func sentences(inUTF8 bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int = 0,
                          source: String = "<text>", firstLine: Int = 1) throws -> [TextSentence] {
        let decoded: TokenizerDecodedText
        do {
            decoded = try TokenizerDecodedText(bytes: bytes)
        } catch {
            let line = firstLine + bytes[..<error.byteOffset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputError(file: source, line: line, byteOffset: byteOffset + error.byteOffset,
                             expected: "valid UTF-8", found: error.found)
        }
        var scanner = TokenizerScanner(text: decoded, rules: rules)
        let raw = scanner.scan()
        let bounds = SentenceSplitter.sentenceRanges(of: raw, in: decoded)
        return bounds.map { range in
            TextSentence(tokens: raw[range].map { makeToken($0, decoded: decoded, bytes: bytes, byteOffset: byteOffset) })
        }
    }

    private func makeToken(_ raw: TokenizerRawToken, decoded: TokenizerDecodedText,
                           bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int) -> TextToken {
        let start = decoded.byteOffsets[raw.start]
        let end = decoded.byteOffsets[raw.end]
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let text = normalizesToNFC && raw.end - raw.start != end - start
            ? Self.nfc(slice) : String(decoding: slice, as: UTF8.self)
        let spaceAfter = raw.end < decoded.count && decoded.classes[raw.end].isWhitespace
        return TextToken(text: text, utf8Range: (byteOffset + start)..<(byteOffset + end), spaceAfter: spaceAfter)
    }

    /// NFC of valid UTF-8 bytes, through utf8proc.
    static func nfc(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var output: UnsafeMutablePointer<UInt8>?
        let options = utf8proc_option_t(rawValue: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue)
        let length = utf8proc_map(bytes.baseAddress, bytes.count, &output, options)
        guard length >= 0, let output else { return String(decoding: bytes, as: UTF8.self) }
        defer { free(output) }
        return String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self)
    }
}
