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
                var chunkEnd = index + 1
                while chunkEnd < count && !classes[chunkEnd].isWhitespace { chunkEnd += 1 }
                scanChunk(index, chunkEnd)
                index = chunkEnd
            }
        }
        return tokens
    }

    private mutating func emit(_ start: Int, _ end: Int) {
        tokens.append(TokenizerRawToken(start: start, end: end, newlinesBefore: newlines))
        newlines = 0
    }

    @inline(__always) private func scalar(_ index: Int) -> UInt32 { text.scalars[index] }
    @inline(__always) private func charClass(_ index: Int) -> TokenizerCharClass { text.classes[index] }

    /// Tokens of the whitespace-free chunk `start..<end`.
    private mutating func scanChunk(_ start: Int, _ end: Int) {
        let mayHoldAddress = chunkMayHoldAddress(start, end)
        var position = start
        while position < end {
            let kind = charClass(position)
            if kind.isWordCharacter {
                if mayHoldAddress, let addressEnd = webAddressEnd(position, end) {
                    emit(position, addressEnd)
                    position = addressEnd
                } else {
                    position = scanWord(position, end)
                }
                continue
            }
            let next = position + 1 < end ? scalar(position + 1) : 0
            let first = scalar(position)
            if first == 0x2B && charClass(position + 1 < end ? position + 1 : position) == .digit {
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
            } else {
                var runEnd = symbolRunEnd(position, end)
                if first == 0x28 {
                    openParentheses += runEnd - position
                } else if first == 0x29 && openParentheses > 0 {
                    let closed = min(openParentheses, runEnd - position)
                    openParentheses -= closed
                    for index in position..<(position + closed - 1) { emit(index, index + 1) }
                    if position + closed < runEnd { emit(position + closed - 1, position + closed) }
                    position += closed - 1
                    if position + 1 == runEnd { runEnd = position + 1 }
                }
                emit(position, runEnd)
                position = runEnd
            }
        }
    }

    /// The end of `.ext` (a known file extension such as `.doc`) at `start`, when a period starts
    /// a token and the extension ends the word.
    private func fileExtensionEnd(_ start: Int, _ end: Int) -> Int? {
        let stop = wordRunEnd(start + 1, end)
        guard stop - start >= 3, stop - start <= 5, stop == end || !charClass(stop).isWordCharacter,
              TokenizerRules.domainEndings.contains(lowercased(start + 1, stop)) else { return nil }
        return stop
    }

    // MARK: Web addresses

    /// Whether the chunk has an `@`, `://` or a period followed by a letter: the cheap test before
    /// trying the address rules at every word start.
    private func chunkMayHoldAddress(_ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            let value = scalar(index)
            if value == 0x40 { return true }
            if (value == 0x2E || value == 0x3A) && index + 1 < end && charClass(index + 1).isLetter || value == 0x2F {
                return true
            }
            index += 1
        }
        return false
    }

    /// The end of a web address, e-mail address or domain-like name starting at `start`, if one does.
    private func webAddressEnd(_ start: Int, _ end: Int) -> Int? {
        // scheme://
        var index = start
        while index < end && charClass(index).isLetter && scalar(index) < 0x80 { index += 1 }
        if index > start, index + 2 < end, scalar(index) == 0x3A, scalar(index + 1) == 0x2F, scalar(index + 2) == 0x2F {
            return trimmedAddressEnd(start, end)
        }
        if index - start == 3, index < end, scalar(index) == 0x2E, lowercasedASCII(start, index) == "www" {
            return trimmedAddressEnd(start, end)
        }
        // local@domain
        index = start
        while index < end && (charClass(index).isWordCharacter || [0x2E, 0x5F, 0x25, 0x2B, 0x2D].contains(scalar(index))) {
            index += 1
        }
        if index < end, scalar(index) == 0x40, index > start, let domainEnd = domainEnd(index + 1, end, requireKnownEnding: false) {
            return domainEnd
        }
        // name.com, name.ru/path
        if let domainEnd = domainEnd(start, end, requireKnownEnding: true) {
            if domainEnd < end && (scalar(domainEnd) == 0x2F || scalar(domainEnd) == 0x3A) {
                return trimmedAddressEnd(start, end)
            }
            return domainEnd
        }
        return nil
    }

    /// The end of `label(.label)+` at `start`, whose last label is letters only (two or more) and,
    /// when `requireKnownEnding`, one of `TokenizerRules.domainEndings` (or the name has three or
    /// more lowercase labels, like the newsgroup `alt.animals.cat`).
    private func domainEnd(_ start: Int, _ end: Int, requireKnownEnding: Bool) -> Int? {
        var index = start
        var labels = 0
        var lastLabelStart = start
        while true {
            let labelStart = index
            while index < end && (charClass(index).isWordCharacter || scalar(index) == 0x5F
                                  || (scalar(index) == 0x2D && index > labelStart)) {
                index += 1
            }
            guard index > labelStart else { return nil }
            labels += 1
            lastLabelStart = labelStart
            if index + 1 < end && scalar(index) == 0x2E && charClass(index + 1).isWordCharacter {
                index += 1
                continue
            }
            break
        }
        guard labels >= 2, index - lastLabelStart >= 2 else { return nil }
        for letter in lastLabelStart..<index where !charClass(letter).isLetter { return nil }
        let isNewsgroup = labels >= 3 && (start..<index).allSatisfy { (0x61...0x7A).contains(scalar($0)) || scalar($0) == 0x2E }
        if requireKnownEnding && !isNewsgroup {
            guard TokenizerRules.domainEndings.contains(lowercased(lastLabelStart, index)) else { return nil }
        }
        return index
    }

    /// The chunk's end minus trailing punctuation (a `)` stays when the address has a `(`).
    private func trimmedAddressEnd(_ start: Int, _ end: Int) -> Int {
        var hasOpenParenthesis = false
        for index in start..<end where scalar(index) == 0x28 { hasOpenParenthesis = true }
        var stop = end
        while stop > start + 1 {
            switch scalar(stop - 1) {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x22, 0x2019, 0x201D, 0xBB, 0x5D, 0x7D, 0x3E:
                stop -= 1
            case 0x29 where !hasOpenParenthesis:
                stop -= 1
            default:
                return stop
            }
        }
        return stop
    }

    // MARK: Handles, entities, emoticons, symbols

    /// The end of a `@mention` / `#hashtag` body starting at `start`: word characters and `_`,
    /// with single `-` or `.` between them.
    private func handleEnd(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end {
            let kind = charClass(index)
            if kind.isWordCharacter || scalar(index) == 0x5F {
                index += 1
            } else if (kind == .hyphen || kind == .period) && index + 1 < end && charClass(index + 1).isWordCharacter {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// The end of one or more glued HTML entities (`&#39;`, `&amp;`) starting at `start`.
    private func entitiesEnd(_ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end && scalar(index) == 0x26 {
            var cursor = index + 1
            if cursor < end && scalar(cursor) == 0x23 {
                cursor += 1
                let digitsStart = cursor
                while cursor < end && charClass(cursor) == .digit { cursor += 1 }
                guard cursor > digitsStart else { break }
            } else {
                let lettersStart = cursor
                while cursor < end && (0x61...0x7A).contains(scalar(cursor)) { cursor += 1 }
                guard cursor > lettersStart else { break }
            }
            guard cursor < end && scalar(cursor) == 0x3B else { break }
            index = cursor + 1
        }
        return index > start ? index : nil
    }

    /// The end of an emoticon at `start` that is not followed by a word character.
    private func emoticonEnd(_ start: Int, _ end: Int) -> Int? {
        let first = scalar(start)
        guard first == 0x3A || first == 0x3B || first == 0x3D || first == 0x3C else { return nil }
        for emoticon in TokenizerRules.emoticons where start + emoticon.count <= end {
            var matches = true
            for (offset, byte) in emoticon.enumerated() where scalar(start + offset) != UInt32(byte) {
                matches = false
                break
            }
            let stop = start + emoticon.count
            if matches && (stop == end || !charClass(stop).isWordCharacter) { return stop }
        }
        return nil
    }

    /// The end of the grapheme at `start`: the scalar, its marks (and what a zero-width joiner
    /// joins), and a second regional indicator for a flag.
    private func graphemeEnd(_ start: Int, _ end: Int) -> Int {
        var index = start + 1
        if (0x1F1E6...0x1F1FF).contains(scalar(start)) && index < end && (0x1F1E6...0x1F1FF).contains(scalar(index)) {
            index += 1
        }
        while index < end && charClass(index) == .mark {
            index += scalar(index) == 0x200D && index + 1 < end ? 2 : 1
        }
        return index
    }

    /// One grapheme starting at `start`, extended over repeats of the same grapheme
    /// (`...`, `!!!`, `$$$`), over a mixed run of `!` and `?` (`?!`), or over any run of
    /// non-ASCII symbols such as emoji (`😍👍`, as Russian-Taiga does).
    private func symbolRunEnd(_ start: Int, _ end: Int) -> Int {
        let first = graphemeEnd(start, end)
        let length = first - start
        let isBang = { (value: UInt32) in value == 0x21 || value == 0x3F }
        if length == 1 && isBang(scalar(start)) {
            var index = first
            while index < end && isBang(scalar(index)) { index += 1 }
            return index
        }
        if charClass(start) == .symbol && scalar(start) >= 0x80 {
            var index = first
            while index < end && charClass(index) == .symbol && scalar(index) >= 0x80 { index = graphemeEnd(index, end) }
            return index
        }
        var index = first
        while index + length <= end {
            var same = true
            for offset in 0..<length where scalar(index + offset) != scalar(start + offset) {
                same = false
                break
            }
            guard same, graphemeEnd(index, end) == index + length else { break }
            index += length
        }
        return index
    }

    // MARK: Words

    /// The end of the run of word characters starting at `start`.
    private func wordRunEnd(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && charClass(index).isWordCharacter { index += 1 }
        return index
    }

    private func isLetters(_ start: Int, _ end: Int) -> Bool {
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
            let isDecadeS = charClass(index - 1) == .digit && (scalar(index + 1) | 0x20) == 0x73
                && wordRunEnd(index + 1, end) == index + 2
            if kind == .apostrophe && nextKind.isLetter && (charClass(index - 1).isLetter || isDecadeS) {
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
        if !rules.splitsHyphenatedWords && index + 1 == end && charClass(index) == .hyphen && charClass(start).isLetter {
            // Russian `одно- и двухэтажные`: the hyphen stays with its word.
            emit(start, end)
            return end
        }
        if index < end && charClass(index) == .period && keepsPeriod(start, index, isDotted: isDotted) {
            let periods = periodRunLength(index, end)
            let beforeBracket = rules.abbreviationPeriodSplitsBeforeBracket && index + 1 < end && scalar(index + 1) == 0x29
            if (periods == 1 || periods == 2) && !endsText(index + 1) && !beforeBracket {
                emit(start, index + 1)
                return index + 1
            }
        }
        emitWord(start, index)
        return index
    }

    private func periodRunLength(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && scalar(index) == 0x2E { index += 1 }
        return index - start
    }

    /// Whether only whitespace and closing quotes or brackets follow `index` to the end of the
    /// text: a period there ends the text's last sentence, and UD treebanks give it its own token
    /// even after an abbreviation (`in the U.S` `.`).
    private func endsText(_ index: Int) -> Bool {
        index >= significantEnd
    }

    /// Whether the hyphen after the segment `segmentStart..<hyphen` joins it to what follows.
    /// Where hyphenated words are kept (Russian), the treebanks still split before a capital
    /// (`Бад - Кёстриц`, except after `Санкт-`-like prefixes), before a number after letters
    /// (`Формула - 1`) and the particle `-то` except after pronouns (`что-то` but `я - то`).
    private func keepsHyphen(_ segmentStart: Int, _ hyphen: Int) -> Bool {
        if charClass(hyphen - 1) == .digit && charClass(hyphen + 1) == .digit {
            // 212-848-8400 stays whole in English; ranges such as 1998-2001 are split.
            let isYear = hyphen - segmentStart == 4 && (scalar(segmentStart) == 0x31 || scalar(segmentStart) == 0x32)
            return !rules.splitsNumberRanges && !isYear
        }
        guard rules.splitsHyphenatedWords else {
            let right = hyphen + 1
            if charClass(hyphen - 1).isLetter && charClass(right) == .digit { return false }
            if charClass(right) == .upper {
                return hyphen - segmentStart <= 7 && rules.hyphenPrefixes.contains(lowercased(segmentStart, hyphen))
            }
            if wordRunEnd(right, text.count) == right + 2 && lowercased(right, right + 2) == "то" {
                return rules.particleHosts.contains(lowercased(segmentStart, hyphen))
            }
            return true
        }
        return hyphen - segmentStart <= 7 && rules.hyphenPrefixes.contains(lowercased(segmentStart, hyphen))
    }

    /// Whether the word `start..<period` keeps the period after it.
    private func keepsPeriod(_ start: Int, _ period: Int, isDotted: Bool) -> Bool {
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
    private func contractionSplit(_ start: Int, _ end: Int) -> Int? {
        let table = rules.contractionsByLength
        guard end - start < table.count else { return nil }
        candidates: for (word, split) in table[end - start] {
            for (offset, byte) in word.enumerated() {
                let value = scalar(start + offset)
                let lowered = (0x41...0x5A).contains(value) ? value | 0x20 : value
                if lowered != UInt32(byte) { continue candidates }
            }
            return split
        }
        return nil
    }

    /// Where lowercase letters glued to a number begin (`375mm`, `2day`, `3кг`), unless they are
    /// an ordinal or plural ending (`2nd`, `1990s`).
    private func unitStart(_ start: Int, _ end: Int) -> Int? {
        var index = end
        while index > start && charClass(index - 1) == .lower { index -= 1 }
        guard index < end, index > start, charClass(index - 1) == .digit else { return nil }
        switch lowercasedASCII(index, end) {
        case "st", "nd", "rd", "th", "s": return nil
        default: return index
        }
    }

    // MARK: Strings

    /// The scalars `start..<end` as a string.
    private func string(_ start: Int, _ end: Int) -> String {
        var out = String.UnicodeScalarView()
        for index in start..<end {
            if let value = Unicode.Scalar(scalar(index)) { out.append(value) }
        }
        return String(out)
    }

    /// The scalars `start..<end` lowercased.
    private func lowercased(_ start: Int, _ end: Int) -> String {
        string(start, end).lowercased()
    }

    /// The scalars `start..<end` with ASCII letters lowercased; empty when any scalar is not ASCII.
    private func lowercasedASCII(_ start: Int, _ end: Int) -> String {
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
