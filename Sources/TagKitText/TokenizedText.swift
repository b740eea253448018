/// One token found by `Tokenizer`, located in the text it came from.
///
/// Offsets are **UTF-8 byte offsets** into the original input (not characters, not UTF-16
/// units): `utf8Range` selects exactly the bytes of the token, so
/// `Array(input.utf8)[utf8Range]` decodes to `text` (unless the tokenizer normalizes to NFC, in
/// which case `text` is the NFC form of those bytes).
public struct TextToken: Equatable, Hashable, Sendable {
    /// The token's text.
    public var text: String
    /// Byte offsets `start..<end` of the token in the UTF-8 input.
    public var utf8Range: Range<Int>
    /// Whether whitespace follows the token in the input (false at the very end of the input).
    public var spaceAfter: Bool

    public init(text: String, utf8Range: Range<Int>, spaceAfter: Bool) {
        self.text = text
        self.utf8Range = utf8Range
        self.spaceAfter = spaceAfter
    }
}

/// One sentence found by `Tokenizer`: its tokens in input order.
public struct TextSentence: Equatable, Hashable, Sendable {
    /// The tokens; never empty.
    public var tokens: [TextToken]

    public init(tokens: [TextToken]) {
        self.tokens = tokens
    }

    /// Byte offsets in the UTF-8 input from the first token's start to the last token's end.
    public var utf8Range: Range<Int> {
        guard let first = tokens.first, let last = tokens.last else { return 0..<0 }
        return first.utf8Range.lowerBound..<last.utf8Range.upperBound
    }

    /// The sentence rebuilt from its tokens: each token followed by one space when `spaceAfter`
    /// is set (except after the last). Whitespace runs of the input, newlines included, become
    /// one space; this is the CoNLL-U `# text` line.
    public var text: String {
        var out = ""
        for (index, token) in tokens.enumerated() {
            out += token.text
            if token.spaceAfter && index + 1 < tokens.count { out += " " }
        }
        return out
    }
}
