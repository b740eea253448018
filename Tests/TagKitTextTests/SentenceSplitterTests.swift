import Testing
import TagKitText

/// Sentence boundaries found by `Tokenizer.sentences(in:)`.
@Suite struct SentenceSplitterTests {
    private func sentences(_ text: String, _ language: Tokenizer.Language = .english) -> [String] {
        Tokenizer(language: language).sentences(in: text).map { $0.tokens.map(\.text).joined(separator: " ") }
    }

    @Test func terminalPunctuationBeforeACapitalEndsASentence() {
        #expect(sentences("Hello world. This is it! Is it? Yes.")
                == ["Hello world .", "This is it !", "Is it ?", "Yes ."])
    }

    @Test func abbreviationsAndInitialsDoNotEndASentence() {
        #expect(sentences("Dr. Smith came from the U.S. Army. J. R. R. Tolkien wrote e.g. Beowulf.")
                == ["Dr. Smith came from the U.S. Army .", "J. R. R. Tolkien wrote e.g. Beowulf ."])
        #expect(sentences("Это было в 1990 г. Москва изменилась. Т.е. совсем.", .russian)
                == ["Это было в 1990 г. Москва изменилась .", "Т.е. совсем ."])
    }

    @Test func closingQuotesStayWithTheSentenceTheyClose() {
        #expect(sentences("He said \"Stop!\" Then he left.") == ["He said \" Stop ! \"", "Then he left ."])
        #expect(sentences("Она сказала: «Хватит». Он ушёл.", .russian) == ["Она сказала : « Хватит » .", "Он ушёл ."])
    }

    @Test func aLowercaseWordContinuesTheSentenceOnlyAfterAnEllipsisOrAnAbbreviation() {
        #expect(sentences("Wait... what, e.g. this? no way. ok") == ["Wait ... what , e.g. this ?", "no way .", "ok"])
    }

    @Test func emojiAndSmileysEndASentenceBeforeACapital() {
        #expect(sentences("Отдыхали 😍👍 Спасибо всем))) Приедем ещё", .russian)
                == ["Отдыхали 😍👍", "Спасибо всем )))", "Приедем ещё"])
        #expect(sentences("I ❤️ it") == ["I ❤️ it"])
    }

    @Test func openingQuotesDigitsAndDashesStartSentences() {
        #expect(sentences("It ended. \"Why?\" 3 people asked.") == ["It ended .", "\" Why ? \"", "3 people asked ."])
        #expect(sentences("Он ушёл. — Куда?", .russian) == ["Он ушёл .", "— Куда ?"])
    }

    @Test func lineBreaksAndBlankLines() {
        #expect(sentences("First.\nsecond line") == ["First .", "second line"])
        #expect(sentences("a heading\nwith a second line") == ["a heading with a second line"])
        #expect(sentences("Paragraph one\n\nparagraph two\r\n\r\nthree") == ["Paragraph one", "paragraph two", "three"])
    }

    @Test func sentenceTextRebuildsFromTokens() {
        let found = Tokenizer().sentences(in: "I don't know.  It's 5:30 p.m.\n(Really?)")
        #expect(found.map(\.text) == ["I don't know.", "It's 5:30 p.m.", "(Really?)"])
        #expect(found.map(\.utf8Range) == [0..<13, 15..<29, 30..<39])
    }
}
