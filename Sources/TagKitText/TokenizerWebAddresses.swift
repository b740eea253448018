/// The scanner's rules for web and e-mail addresses (`https://…`, `www.…`, `name.com/…`,
/// `a@b.org`, newsgroups such as `alt.animals.cat`).
extension TokenizerScanner {
    /// How far past a word start the e-mail and domain rules look (in scalars). They are tried at
    /// every word start of a chunk, so without a bound a long chunk such as `Ab.Ab.Ab.…` would take
    /// quadratic time; no real e-mail address or host name is this long.
    static let addressScanLimit = 512

    /// The end of a web address, e-mail address or domain-like name starting at `start`, if one does.
    func webAddressEnd(_ start: Int, _ end: Int) -> Int? {
        // scheme://
        var index = start
        while index < end && charClass(index).isLetter && scalar(index) < 0x80 { index += 1 }
        if index > start, index + 2 < end, scalar(index) == 0x3A, scalar(index + 1) == 0x2F, scalar(index + 2) == 0x2F {
            return trimmedAddressEnd(start, end)
        }
        if index - start == 3, index < end, scalar(index) == 0x2E, lowercasedASCII(start, index) == "www" {
            return trimmedAddressEnd(start, end)
        }
        let limit = min(end, start + Self.addressScanLimit)
        // local@domain
        index = start
        while index < limit && (charClass(index).isWordCharacter || isEmailLocalPunctuation(scalar(index))) {
            index += 1
        }
        if index < limit, scalar(index) == 0x40, index > start,
           let domainEnd = domainEnd(index + 1, limit, requireKnownEnding: false), domainEnd < limit || limit == end {
            return domainEnd
        }
        // name.com, name.ru/path
        if let domainEnd = domainEnd(start, limit, requireKnownEnding: true), domainEnd < limit || limit == end {
            if domainEnd < end && (scalar(domainEnd) == 0x2F || scalar(domainEnd) == 0x3A) {
                return trimmedAddressEnd(start, end)
            }
            return domainEnd
        }
        return nil
    }

    /// `.` `_` `%` `+` `-`
    private func isEmailLocalPunctuation(_ value: UInt32) -> Bool {
        value == 0x2E || value == 0x5F || value == 0x25 || value == 0x2B || value == 0x2D
    }

    /// The end of `label(.label)+` at `start`, whose last label is letters only (two or more) and,
    /// when `requireKnownEnding`, one of `TokenizerRules.domainEndings` (or the name has three or
    /// more lowercase labels, like the newsgroup `alt.animals.cat`).
    func domainEnd(_ start: Int, _ end: Int, requireKnownEnding: Bool) -> Int? {
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
    func trimmedAddressEnd(_ start: Int, _ end: Int) -> Int {
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
}
