/// A token as the scanner finds it: scalar indices into the decoded text.
struct TokenizerRawToken: Equatable {
    /// First scalar of the token.
    var start: Int
    /// One past the last scalar.
    var end: Int
    /// Line breaks in the whitespace before the token (`\r\n` counts once).
    var newlinesBefore: Int
}

/// Cuts decoded text into raw tokens by the rules documented on `Tokenizer`.
struct TokenizerScanner {
    let text: TokenizerDecodedText
    let rules: TokenizerRules
    private var tokens: [TokenizerRawToken] = []
    private var newlines = 0
    /// `(` tokens seen minus `)` tokens, so that `))` closing two brackets is two tokens while `)))`
    /// after no `(` stays one (a smiley).
    private var openParentheses = 0

    /// One past the last scalar that is neither whitespace nor a closing quote or bracket.
    private let significantEnd: Int

    init(text: TokenizerDecodedText, rules: TokenizerRules) {
        self.text = text
        self.rules = rules
        var end = text.count
        while end > 0 && (text.classes[end - 1].isWhitespace || Self.isClosing(text.scalars[end - 1])) { end -= 1 }
        significantEnd = end
    }

    /// `"` `'` `)` `]` `’` `”` `»`
    private static func isClosing(_ value: UInt32) -> Bool {
        switch value {
        case 0x22, 0x27, 0x29, 0x5D, 0x2019, 0x201D, 0xBB: return true
        default: return false
        }
    }

    /// All tokens, in order.
    mutating func scan() -> [TokenizerRawToken] {
        let classes = text.classes
        let count = text.count
        tokens.reserveCapacity(count / 4)
        var index = 0
        while index < count {
            switch classes[index] {
            case .space:
                index += 1
            case .newline:
                let crBeforeLF = text.scalars[index] == 0x0D && index + 1 < count && text.scalars[index + 1] == 0x0A
                if !crBeforeLF { newlines += 1 }
                index += 1
            default:
                // Find the chunk's end, noting on the way whether it may hold a web address: an `@`,
                // a `/`, or a `.` or `:` before a letter.
                var chunkEnd = index
                var mayHoldAddress = false
                while chunkEnd < count && !classes[chunkEnd].isWhitespace {
                    switch text.scalars[chunkEnd] {
                    case 0x40, 0x2F: mayHoldAddress = true
                    case 0x2E, 0x3A: mayHoldAddress = mayHoldAddress || (chunkEnd + 1 < count && classes[chunkEnd + 1].isLetter)
                    default: break
                    }
                    chunkEnd += 1
                }
                scanChunk(index, chunkEnd, mayHoldAddress: mayHoldAddress)
                index = chunkEnd
            }
        }
        return tokens
    }

    private mutating func emit(_ start: Int, _ end: Int) {
        tokens.append(TokenizerRawToken(start: start, end: end, newlinesBefore: newlines))
        newlines = 0
    }

    @inline(__always) func scalar(_ index: Int) -> UInt32 { text.scalars[index] }
    @inline(__always) func charClass(_ index: Int) -> TokenizerCharClass { text.classes[index] }

    /// Tokens of the whitespace-free chunk `start..<end`; the web-address rules are tried only when
    /// `mayHoldAddress`.
    private mutating func scanChunk(_ start: Int, _ end: Int, mayHoldAddress: Bool) {
        var position = start
        while position < end {
            let kind = charClass(position)
            if kind.isWordCharacter {
                // Addresses are tried where a name could begin, not inside a dotted chain whose
                // start already failed (which also keeps long chains linear); a hyphen may start one
                // (`Releases-FINAL.doc`), the scan limit bounds the work there.
                let before = position > start ? scalar(position - 1) : 0
                let insideChain = before == 0x2E || before == 0x40 || before == 0x5F
                if mayHoldAddress && !insideChain, let addressEnd = webAddressEnd(position, end) {
                    emit(position, addressEnd)
                    position = addressEnd
                } else {
                    position = scanWord(position, end)
                }
                continue
            }
            let next = position + 1 < end ? scalar(position + 1) : 0
            let first = scalar(position)
            if first == 0x2B && position + 1 < end && charClass(position + 1) == .digit {
                position = scanWord(position, end)
            } else if (first == 0x40 && position + 1 < end && charClass(position + 1).isWordCharacter)
                        || (first == 0x23 && position + 1 < end && charClass(position + 1).isLetter) {
                let tagEnd = handleEnd(position + 1, end)
                emit(position, tagEnd)
                position = tagEnd
            } else if first == 0x26, (next == 0x23 || (0x61...0x7A).contains(next)), let entityEnd = entitiesEnd(position, end) {
                emit(position, entityEnd)
                position = entityEnd
            } else if let emoticonEnd = emoticonEnd(position, end) {
                emit(position, emoticonEnd)
                position = emoticonEnd
            } else if first == 0x2E, let extensionEnd = fileExtensionEnd(position, end) {
                emit(position, extensionEnd)
                position = extensionEnd
            } else if first == 0x29 && openParentheses > 0 {
                // Each `)` closing an open `(` is a token of its own; the rest of the run stays one (a smiley).
                let runEnd = symbolRunEnd(position, end)
                let closing = min(openParentheses, runEnd - position)
                openParentheses -= closing
                for index in position..<(position + closing) { emit(index, index + 1) }
                if position + closing < runEnd { emit(position + closing, runEnd) }
                position = runEnd
            } else {
                let runEnd = symbolRunEnd(position, end)
                if first == 0x28 { openParentheses += runEnd - position }
                emit(position, runEnd)
                position = runEnd
            }
        }
    }

    // MARK: Words

    /// The end of the run of word characters starting at `start`.
    func wordRunEnd(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && charClass(index).isWordCharacter { index += 1 }
        return index
    }

    func isLetters(_ start: Int, _ end: Int) -> Bool {
        for index in start..<end where !(charClass(index).isLetter || charClass(index) == .mark) { return false }
        return true
    }

    /// Scans a word starting at `start`, emits it (split into clitics when the rules say so) and
    /// returns where the next token starts.
    /// A word may start with `+` before a digit (`+7`).
    private mutating func scanWord(_ start: Int, _ end: Int) -> Int {
        var index = wordRunEnd(scalar(start) == 0x2B ? start + 1 : start, end)
        var segmentStart = start
        var isDotted = false
        while index + 1 < end {
            let kind = charClass(index)
            let value = scalar(index)
            let nextKind = charClass(index + 1)
            let afterDigit = charClass(index - 1) == .digit
            if (kind == .period || kind == .comma || value == 0x3A || value == 0x2F) && afterDigit && nextKind == .digit {
                index = wordRunEnd(index + 1, end)
                continue
            }
            if kind == .period && nextKind.isLetter && index - segmentStart <= 2 && isLetters(segmentStart, index) {
                let runEnd = wordRunEnd(index + 1, end)
                if runEnd - (index + 1) <= 2 && isLetters(index + 1, runEnd) {
                    isDotted = true
                    segmentStart = index + 1
                    index = runEnd
                    continue
                }
            }
            if kind == .hyphen && nextKind.isWordCharacter && keepsHyphen(segmentStart, index) {
                segmentStart = index + 1
                index = wordRunEnd(index + 1, end)
                continue
            }
            if kind == .apostrophe && nextKind.isLetter && (charClass(index - 1).isLetter || isDecadeS(index, end)) {
                index = wordRunEnd(index + 1, end)
                continue
            }
            if value == 0x26 && charClass(index - 1) == .upper && nextKind == .upper {
                index = wordRunEnd(index + 1, end)
                continue
            }
            if (value == 0x5F || value == 0x40) && nextKind.isWordCharacter {
                index = wordRunEnd(index + 1, end)
                continue
            }
            if value == 0x2F && index - start == 1 && nextKind.isLetter && wordRunEnd(index + 1, end) == index + 2 {
                index += 2
                continue
            }
            break
        }
        if index + 1 == end && scalar(index) == 0x2F && index - start == 1 && charClass(start).isLetter {
            emit(start, end)
            return end
        }
        if !rules.splitsHyphenatedWords && index + 1 == end && charClass(index) == .hyphen && charClass(start).isLetter
            && nextWordIsConjunction(after: end) {
            // Russian `одно- и двухэтажные`: the hyphen stays with its word (elsewhere `отпуск- сказал`
            // is a dash).
            emit(start, end)
            return end
        }
        if index < end && charClass(index) == .period && keepsPeriod(start, index, isDotted: isDotted) {
            let periods = periodRunLength(index, end)
            let beforeBracket = rules.abbreviationPeriodSplitsBeforeBracket && index - start <= 2
                && index + 1 < end && scalar(index + 1) == 0x29
            if (periods == 1 || periods == 2) && !endsText(index + 1) && !beforeBracket {
                emit(start, index + 1)
                return index + 1
            }
        }
        emitWord(start, index)
        return index
    }

    /// Whether the apostrophe at `apostrophe` is the `'s` of a decade or number (`70's`).
    func isDecadeS(_ apostrophe: Int, _ end: Int) -> Bool {
        charClass(apostrophe - 1) == .digit && (scalar(apostrophe + 1) | 0x20) == 0x73
            && wordRunEnd(apostrophe + 1, end) == apostrophe + 2
    }

    func periodRunLength(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && scalar(index) == 0x2E { index += 1 }
        return index - start
    }

    /// Whether only whitespace and closing quotes or brackets follow `index` to the end of the
    /// text: a period there ends the text's last sentence, and UD treebanks give it its own token
    /// even after an abbreviation (`in the U.S` `.`).
    func endsText(_ index: Int) -> Bool {
        index >= significantEnd
    }

    /// Whether the hyphen after the segment `segmentStart..<hyphen` joins it to what follows.
    /// Where hyphenated words are kept (Russian), the treebanks still split before a capital
    /// (`Бад - Кёстриц`, except after `Санкт-`-like prefixes and `-ско` stems), before a number after letters
    /// (`Формула - 1`) and the particle `-то` except after pronouns (`что-то` but `я - то`).
    func keepsHyphen(_ segmentStart: Int, _ hyphen: Int) -> Bool {
        if charClass(hyphen - 1) == .digit && charClass(hyphen + 1) == .digit {
            // 212-848-8400 stays whole in English; ranges such as 1998-2001 are split.
            let isYear = hyphen - segmentStart == 4 && (scalar(segmentStart) == 0x31 || scalar(segmentStart) == 0x32)
            return !rules.splitsNumberRanges && !isYear
        }
        guard rules.splitsHyphenatedWords else {
            let right = hyphen + 1
            if charClass(hyphen - 1).isLetter && charClass(right) == .digit { return false }
            if charClass(right) == .upper {
                // Compound adjectives keep it (`Люблинско-Брестской`), names do not (`Бад - Кёстриц`).
                let left = lowercased(segmentStart, hyphen)
                return rules.hyphenPrefixes.contains(left) || left.hasSuffix("ско") || left.hasSuffix("цко")
            }
            if wordRunEnd(right, text.count) == right + 2 && lowercased(right, right + 2) == "то" {
                return rules.particleHosts.contains(lowercased(segmentStart, hyphen))
            }
            return true
        }
        return hyphen - segmentStart <= 7 && rules.hyphenPrefixes.contains(lowercased(segmentStart, hyphen))
    }

    /// Whether the word `start..<period` keeps the period after it.
    func keepsPeriod(_ start: Int, _ period: Int, isDotted: Bool) -> Bool {
        if isDotted { return true }
        if period - start == 1 {
            if charClass(start) == .upper { return true }
            if rules.abbreviatedLetters.contains(scalar(start)) { return true }
        }
        return period - start <= 8 && rules.abbreviations.contains(string(start, period))
    }

    /// Emits the word `start..<end`, split into English clitics when the rules ask for it.
    private mutating func emitWord(_ start: Int, _ end: Int) {
        if charClass(start) == .digit, let unitStart = unitStart(start, end) {
            emit(start, unitStart)
            emit(unitStart, end)
            return
        }
        guard rules.splitsEnglishClitics, end - start >= 2 else {
            emit(start, end)
            return
        }
        var apostrophe = -1
        for index in stride(from: end - 1, to: start, by: -1) where charClass(index) == .apostrophe {
            apostrophe = index
            break
        }
        if apostrophe > start && charClass(apostrophe - 1) != .digit {
            // n't
            if apostrophe - 1 > start, apostrophe + 2 == end, (scalar(apostrophe - 1) | 0x20) == 0x6E,
               (scalar(apostrophe + 1) | 0x20) == 0x74 {
                emit(start, apostrophe - 1)
                emit(apostrophe - 1, end)
                return
            }
            if end - apostrophe <= 3 {
                switch lowercasedASCII(apostrophe + 1, end) {
                case "s", "m", "d", "ll", "re", "ve":
                    emit(start, apostrophe)
                    emit(apostrophe, end)
                    return
                default:
                    break
                }
            }
        } else if let split = contractionSplit(start, end) {
            emit(start, start + split)
            emit(start + split, end)
            return
        }
        emit(start, end)
    }

    /// Where the contraction `start..<end` (ASCII, any case) splits, if it is one of the rules'.
    func contractionSplit(_ start: Int, _ end: Int) -> Int? {
        guard end - start <= 8, !rules.packedContractions.isEmpty else { return nil }
        var key: UInt64 = 0
        for index in start..<end {
            let value = scalar(index)
            guard value < 0x80 else { return nil }
            let lowered = (0x41...0x5A).contains(value) ? value | 0x20 : value
            key |= UInt64(lowered) << (8 * UInt64(index - start))
        }
        return rules.contractionSplit(packed: key)
    }

    /// Whether the word after the whitespace at `index` is `и` or `или` (Russian "and", "or").
    func nextWordIsConjunction(after index: Int) -> Bool {
        var start = index
        while start < text.count && charClass(start).isWhitespace { start += 1 }
        let end = wordRunEnd(start, text.count)
        guard end > start, end - start <= 3 else { return false }
        let word = lowercased(start, end)
        return word == "и" || word == "или"
    }

    /// Where lowercase letters glued to a number begin (`375mm`, `2day`, `3кг`), unless they are
    /// an ordinal or plural ending (`2nd`, `1990s`) or a one-letter Russian case ending (`5х`, `3м`).
    func unitStart(_ start: Int, _ end: Int) -> Int? {
        var index = end
        while index > start && charClass(index - 1) == .lower { index -= 1 }
        guard index < end, index > start, charClass(index - 1) == .digit else { return nil }
        if index + 1 == end && (0x430...0x44F).contains(scalar(index)) { return nil }
        switch lowercasedASCII(index, end) {
        case "st", "nd", "rd", "th", "s": return nil
        default: return index
        }
    }

    // MARK: Strings

    /// The scalars `start..<end` as a string.
    func string(_ start: Int, _ end: Int) -> String {
        var out = String.UnicodeScalarView()
        for index in start..<end {
            if let value = Unicode.Scalar(scalar(index)) { out.append(value) }
        }
        return String(out)
    }

    /// The scalars `start..<end` lowercased.
    func lowercased(_ start: Int, _ end: Int) -> String {
        string(start, end).lowercased()
    }

    /// The scalars `start..<end` with ASCII letters lowercased; empty when any scalar is not ASCII.
    func lowercasedASCII(_ start: Int, _ end: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for index in start..<end {
            let value = scalar(index)
            guard value < 0x80 else { return "" }
            let byte = UInt8(value)
            bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
