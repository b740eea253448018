/// The scanner's rules for what is not a word: `@handles` and `#hashtags`, HTML entities,
/// emoticons, file extensions, and graphemes of punctuation and symbols with their runs.
extension TokenizerScanner {
    /// The end of a `@mention` / `#hashtag` body starting at `start`: word characters and `_`,
    /// with single `-` or `.` between them.
    func handleEnd(_ start: Int, _ end: Int) -> Int {
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
    func entitiesEnd(_ start: Int, _ end: Int) -> Int? {
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
    func emoticonEnd(_ start: Int, _ end: Int) -> Int? {
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
    func graphemeEnd(_ start: Int, _ end: Int) -> Int {
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
    /// (`...`, `!!!`, `$$$`), over a mixed run of `!` and `?` (`?!`), over a mixed run of `.`, `!`
    /// and `?` without an ellipsis where the rules join them (English-EWT `.?`, `!.`), or over any
    /// run of non-ASCII symbols such as emoji (`😍👍`, as Russian-Taiga does).
    func symbolRunEnd(_ start: Int, _ end: Int) -> Int {
        let first = graphemeEnd(start, end)
        let length = first - start
        if rules.joinsMixedTerminalPunctuation, let mixedEnd = mixedTerminalRunEnd(start, end) { return mixedEnd }
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

    /// The end of a run of `.`, `!` and `?` at `start` holding both a period and `!`/`?` but no
    /// three periods in a row.
    func mixedTerminalRunEnd(_ start: Int, _ end: Int) -> Int? {
        var index = start
        var periods = 0, marks = 0, periodsInARow = 0
        while index < end {
            switch scalar(index) {
            case 0x2E:
                periods += 1
                periodsInARow += 1
                if periodsInARow == 3 { return nil }
            case 0x21, 0x3F:
                marks += 1
                periodsInARow = 0
            default:
                return periods > 0 && marks > 0 ? index : nil
            }
            index += 1
        }
        return periods > 0 && marks > 0 ? index : nil
    }

    /// The end of `.ext` (a known file extension such as `.doc`) at `start`, when a period starts
    /// a token and the extension ends the word.
    func fileExtensionEnd(_ start: Int, _ end: Int) -> Int? {
        let stop = wordRunEnd(start + 1, end)
        guard stop - start >= 3, stop - start <= 5, stop == end || !charClass(stop).isWordCharacter,
              TokenizerRules.domainEndings.contains(lowercased(start + 1, stop)) else { return nil }
        return stop
    }
}
