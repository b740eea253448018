/// Groups the tokenizer's tokens into sentences.
///
/// A sentence ends after a token made only of terminal punctuation (`.`, `!`, `?`, `…` and
/// their runs such as `?!` or `...`), together with any closing quotes or brackets glued to it,
/// when the next token starts a sentence: it follows a line break, or it begins with a capital
/// or caseless letter, a digit, an opening quote or bracket, or a dash (dialogue). A blank line
/// always ends a sentence. Abbreviations and initials keep their period inside their token
/// (`Dr.`, `U.S.`, `J.`, `т.е.`), so they count as terminal punctuation only at the end of a line.
enum SentenceSplitter {
    /// Half-open ranges of token indices, one per sentence, covering all tokens in order.
    static func sentenceRanges(of tokens: [TokenizerRawToken], in text: TokenizerDecodedText) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var sentenceStart = 0
        var index = 0
        while index < tokens.count {
            if index > sentenceStart && tokens[index].newlinesBefore >= 2 {
                ranges.append(sentenceStart..<index)
                sentenceStart = index
            }
            let endsWithPeriodAtLineEnd = text.scalars[tokens[index].end - 1] == 0x2E
                && index + 1 < tokens.count && tokens[index + 1].newlinesBefore > 0
            guard endsWithPeriodAtLineEnd || consists(of: tokens[index], in: text, where: isTerminal) else {
                index += 1
                continue
            }
            var next = index + 1
            while next < tokens.count && tokens[next].start == tokens[next - 1].end
                    && consists(of: tokens[next], in: text, where: isClosing) {
                next += 1
            }
            if next < tokens.count && startsSentence(tokens[next], in: text) {
                ranges.append(sentenceStart..<next)
                sentenceStart = next
            }
            index = next
        }
        if sentenceStart < tokens.count { ranges.append(sentenceStart..<tokens.count) }
        return ranges
    }

    private static func consists(of token: TokenizerRawToken, in text: TokenizerDecodedText,
                                 where predicate: (UInt32) -> Bool) -> Bool {
        for index in token.start..<token.end where !predicate(text.scalars[index]) { return false }
        return true
    }

    /// `.` `!` `?` `…` `‼` `⁇` `⁈` `⁉` `。` `！` `？`
    private static func isTerminal(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F: return true
        default: return false
        }
    }

    /// `"` `'` `)` `]` `}` `’` `”` `»`
    private static func isClosing(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0xBB: return true
        default: return false
        }
    }

    private static func startsSentence(_ token: TokenizerRawToken, in text: TokenizerDecodedText) -> Bool {
        if token.newlinesBefore > 0 { return true }
        switch text.classes[token.start] {
        case .upper, .otherLetter, .digit, .hyphen: return true
        case .lower, .mark, .period, .comma, .space, .newline, .other, .symbol: return false
        case .apostrophe, .punctuation:
            switch text.scalars[token.start] {
            case 0x22, 0x27, 0x28, 0x5B, 0x2018, 0x201C, 0x201E, 0xAB, 0x2013, 0x2014: return true
            default: return false
            }
        }
    }
}
