/// Groups the tokenizer's tokens into sentences.
///
/// A sentence ends after a token made only of terminal punctuation (`.`, `!`, `?`, `…` and
/// their runs such as `?!` or `...`), together with any closing quotes or brackets glued to it,
/// when the next token starts a sentence: it follows a line break, or it begins with a capital
/// or caseless letter, a digit, an opening quote or bracket, a dash (dialogue) or an `@handle`,
/// or — after `.`, `!`, `?` but not after `...` — with a lowercase letter (web text often has no
/// capitals; abbreviations never reach this rule). An emoji run or a `)))` smiley ends a sentence
/// before a capital or a line break. A blank line always ends a sentence. Abbreviations and
/// initials keep their period inside their token (`Dr.`, `U.S.`, `J.`, `т.е.`), so they count as
/// terminal punctuation only at the end of a line.
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
            let token = tokens[index]
            let endsWithPeriodAtLineEnd = text.scalars[token.end - 1] == 0x2E
                && index + 1 < tokens.count && tokens[index + 1].newlinesBefore > 0
            let isTerminal = endsWithPeriodAtLineEnd || consists(of: token, in: text, where: isTerminal)
            guard isTerminal || isEmojiOrSmiley(token, in: text) else {
                index += 1
                continue
            }
            var next = index + 1
            while isTerminal && next < tokens.count && tokens[next].start == tokens[next - 1].end
                    && consists(of: tokens[next], in: text, where: isClosing) {
                next += 1
            }
            if next < tokens.count {
                let following = tokens[next]
                let starts: Bool
                if isTerminal {
                    let isEllipsis = token.end - token.start > 1 && text.scalars[token.start] == 0x2E
                    starts = startsSentence(following, in: text, lowercaseMayStart: !isEllipsis)
                } else {
                    starts = following.newlinesBefore > 0 || text.classes[following.start] == .upper
                }
                if starts {
                    ranges.append(sentenceStart..<next)
                    sentenceStart = next
                }
            }
            index = next
        }
        if sentenceStart < tokens.count { ranges.append(sentenceStart..<tokens.count) }
        return ranges
    }

    /// Emoji runs and `)))`-smileys: social-media texts end sentences with them, so they end one
    /// when a capital or a line break follows.
    private static func isEmojiOrSmiley(_ token: TokenizerRawToken, in text: TokenizerDecodedText) -> Bool {
        let first = text.scalars[token.start]
        if text.classes[token.start] == .symbol && first >= 0x80 { return true }
        return token.end - token.start >= 2 && consists(of: token, in: text) { $0 == 0x29 }
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

    private static func startsSentence(_ token: TokenizerRawToken, in text: TokenizerDecodedText, lowercaseMayStart: Bool) -> Bool {
        if token.newlinesBefore > 0 { return true }
        switch text.classes[token.start] {
        case .upper, .otherLetter, .digit, .hyphen: return true
        case .lower: return lowercaseMayStart
        case .mark, .period, .comma, .space, .newline, .other, .symbol: return false
        case .apostrophe, .punctuation:
            switch text.scalars[token.start] {
            case 0x22, 0x27, 0x28, 0x5B, 0x2018, 0x201C, 0x201E, 0xAB, 0x2013, 0x2014, 0x40: return true
            default: return false
            }
        }
    }
}
