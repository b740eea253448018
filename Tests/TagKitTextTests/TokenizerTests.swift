import Testing
@testable import TagKitText

/// Rule-by-rule cases for `Tokenizer`.
@Suite struct TokenizerTests {
    private func words(_ text: String, _ language: Tokenizer.Language = .english) -> [String] {
        Tokenizer(language: language).tokens(in: text).map(\.text)
    }

    @Test func webAddressesStayWholeWithoutTrailingPunctuation() {
        #expect(words("see https://example.com/a?b=1&c=2.") == ["see", "https://example.com/a?b=1&c=2", "."])
        #expect(words("(www.google.com)") == ["(", "www.google.com", ")"])
        #expect(words("at yahonty.ru today", .russian) == ["at", "yahonty.ru", "today"])
        #expect(words("http://en.wikipedia.org/wiki/Swift_(programming_language)")
                == ["http://en.wikipedia.org/wiki/Swift_(programming_language)"])
        #expect(words("attached Lisa_resume.doc") == ["attached", "Lisa_resume.doc"])
    }

    @Test func emailAddressesAndHandlesStayWhole() {
        #expect(words("mail john.smith@example.org, please") == ["mail", "john.smith@example.org", ",", "please"])
        #expect(words("Traci Warner@ENRON") == ["Traci", "Warner@ENRON"])
        #expect(words("спасибо @screened-200 #ЛюблюМоскву!", .russian) == ["спасибо", "@screened-200", "#ЛюблюМоскву", "!"])
    }

    @Test func numbers() {
        #expect(words("pi is 3.14, about 1,000 times") == ["pi", "is", "3.14", ",", "about", "1,000", "times"])
        #expect(words("600 000 рублей", .russian) == ["600", "000", "рублей"])
        #expect(words("3,5 млн", .russian) == ["3,5", "млн"])
        #expect(words("at 10:30 on 08/16/2000") == ["at", "10:30", "on", "08/16/2000"])
        #expect(words("costs $5.") == ["costs", "$", "5", "."])
        #expect(words("call 212-848-8400") == ["call", "212-848-8400"])
        #expect(words("in 1998-2001") == ["in", "1998", "-", "2001"])
        #expect(words("в 1904-1905 годах", .russian) == ["в", "1904", "-", "1905", "годах"])
        #expect(words("375mm 8gb 3кг 5х 2nd 1990s the 70's", .russian)
                == ["375", "mm", "8", "gb", "3", "кг", "5х", "2nd", "1990s", "the", "70's"])
        #expect(words("call +7_978_784 or +1 212") == ["call", "+7_978_784", "or", "+1", "212"])
    }

    @Test func abbreviationsKeepTheirPeriod() {
        #expect(words("Dr. Smith, e.g. this") == ["Dr.", "Smith", ",", "e.g.", "this"])
        #expect(words("the U.S. and J. Smith") == ["the", "U.S.", "and", "J.", "Smith"])
        #expect(words("т.е. в 1990 г. было", .russian) == ["т.е.", "в", "1990", "г.", "было"])
        #expect(words("10 тыс. руб. в месяц", .russian) == ["10", "тыс.", "руб.", "в", "месяц"])
        #expect(words("(1998 г.) и (реж.) и", .russian) == ["(", "1998", "г", ".", ")", "и", "(", "реж.", ")", "и"])
        #expect(words("(apples etc.) and") == ["(", "apples", "etc.", ")", "and"])
        #expect(words("the end.") == ["the", "end", "."])
    }

    @Test func anAbbreviationEndingTheTextGivesUpItsPeriod() {
        #expect(words("delivery in the U.S.") == ["delivery", "in", "the", "U.S", "."])
        #expect(words("войну 1904 - 1905 гг.", .russian) == ["войну", "1904", "-", "1905", "гг", "."])
        #expect(words("CCNG, Inc.. Then") == ["CCNG", ",", "Inc.", ".", "Then"])
    }

    @Test func englishCliticsSplitAsUniversalDependenciesDoes() {
        #expect(words("don't") == ["do", "n't"])
        #expect(words("John's") == ["John", "'s"])
        #expect(words("I'm") == ["I", "'m"])
        #expect(words("can't") == ["ca", "n't"])
        #expect(words("won't") == ["wo", "n't"])
        #expect(words("they're we've I'll she'd") == ["they", "'re", "we", "'ve", "I", "'ll", "she", "'d"])
        #expect(words("It’s") == ["It", "’s"])
        #expect(words("cannot gonna dont") == ["can", "not", "gon", "na", "do", "nt"])
        #expect(words("the students' books") == ["the", "students", "'", "books"])
        #expect(words("O'Brien rock'n'roll") == ["O'Brien", "rock'n'roll"])
    }

    @Test func cliticsCanBeKeptWhole() {
        let tokens = Tokenizer(splitsClitics: false).tokens(in: "I don't know, we cannot. John's").map(\.text)
        #expect(tokens == ["I", "don't", "know", ",", "we", "cannot", ".", "John's"])
    }

    @Test func russianHasNoEnglishClitics() {
        #expect(words("don't cannot", .russian) == ["don't", "cannot"])
    }

    @Test func hyphens() {
        #expect(words("e-mail non-stop") == ["e-mail", "non-stop"])
        #expect(words("well-known") == ["well", "-", "known"])
        #expect(words("из-за что-то по-русски", .russian) == ["из-за", "что-то", "по-русски"])
        #expect(words("Член-корреспондент 1960-х", .russian) == ["Член-корреспондент", "1960-х"])
        #expect(words("Санкт-Петербург Бад-Кёстриц Формула-1", .russian)
                == ["Санкт-Петербург", "Бад", "-", "Кёстриц", "Формула", "-", "1"])
        #expect(words("кто-то какому-то я-то одно- и отпуск- сказал", .russian)
                == ["кто-то", "какому-то", "я", "-", "то", "одно-", "и", "отпуск", "-", "сказал"])
        #expect(words("Люблинско-Брестской", .russian) == ["Люблинско-Брестской"])
        #expect(words("a -- b") == ["a", "--", "b"])
    }

    @Test func emojiAndSymbols() {
        #expect(words("great 😍😍😍!") == ["great", "😍😍😍", "!"])
        #expect(words("ага 😊👍🏻 ок", .russian) == ["ага", "😊👍🏻", "ок"])
        #expect(words("we👨‍👩‍👧 🇷🇺!") == ["we", "👨‍👩‍👧", "🇷🇺", "!"])
        #expect(words("ok👍🏻.") == ["ok", "👍🏻", "."])
        #expect(words("Good :-) see you <3") == ["Good", ":-)", "see", "you", "<3"])
        #expect(words("100% & more") == ["100", "%", "&", "more"])
    }

    @Test func punctuationRuns() {
        #expect(words("What?! wait... no!!!") == ["What", "?!", "wait", "...", "no", "!!!"])
        #expect(words("format.? so!. where...?") == ["format", ".?", "so", "!.", "where", "...", "?"])
        #expect(words("так?.. ну", .russian) == ["так", "?", "..", "ну"])
        #expect(words("ну ладно)))", .russian) == ["ну", "ладно", ")))"])
        #expect(words("(see (this))") == ["(", "see", "(", "this", ")", ")"])
        #expect(words("(ура))) да)") == ["(", "ура", ")", "))", "да", ")"])
        #expect(words("said \"yes\".") == ["said", "\"", "yes", "\"", "."])
        #expect(words("&#39;&#39;Шаолинь&#39;&#39;", .russian) == ["&#39;&#39;", "Шаолинь", "&#39;&#39;"])
    }

    @Test func cyrillicAndLatinAlike() {
        #expect(words("Мама мыла раму.", .russian) == ["Мама", "мыла", "раму", "."])
        #expect(words("Ёжик в тумане, Hedgehog in the fog.", .russian)
                == ["Ёжик", "в", "тумане", ",", "Hedgehog", "in", "the", "fog", "."])
    }

    @Test func offsetsAreUTF8Bytes() {
        let tokens = Tokenizer().tokens(in: "Ёж ест 🍎.")
        #expect(tokens.map(\.utf8Range) == [0..<4, 5..<11, 12..<16, 16..<17])
        #expect(tokens.map(\.spaceAfter) == [true, true, false, false])
    }

    @Test func nfcNormalizationKeepsOffsetsIntoTheInput() {
        let decomposed = "Cafe\u{301} ok"
        let plain = Tokenizer().tokens(in: decomposed)
        let normalized = Tokenizer(normalizesToNFC: true).tokens(in: decomposed)
        #expect(plain[0].text.unicodeScalars.count == 5)
        #expect(normalized[0].text.unicodeScalars.count == 4)
        #expect(normalized[0].text == "Café")
        #expect(normalized.map(\.utf8Range) == plain.map(\.utf8Range))
        #expect(normalized[0].utf8Range == 0..<6)
    }

    @Test func invalidUTF8IsAnInputErrorAtItsByte() {
        let bytes: [UInt8] = Array("ok\nfine ".utf8) + [0xC3, 0x28] + Array(" x".utf8)
        #expect(throws: InputError(file: "in.txt", line: 2, byteOffset: 109, expected: "valid UTF-8",
                                   found: "byte 0x28 inside a 2-byte sequence")) {
            try bytes.withUnsafeBufferPointer {
                try Tokenizer().sentences(inUTF8: $0, byteOffset: 100, source: "in.txt")
            }
        }
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: InputError.self) {
                try bad.withUnsafeBufferPointer { try Tokenizer().sentences(inUTF8: $0) }
            }
        }
    }

    @Test func emptyAndWhitespaceOnlyTextHaveNoSentences() {
        #expect(Tokenizer().sentences(in: "").isEmpty)
        #expect(Tokenizer().sentences(in: " \n\t\r\n ").isEmpty)
    }
}
