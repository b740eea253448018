import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct TaggedWordsTests {
    @Test func coNLLUWordsSkipRangesAndEmptyNodes() throws {
        let reader = try SentenceReader(path: SharedData.data("ud/en_ewt/en_ewt-ud-test.conllu"))
        let sentences = try reader.readAll()
        let columns = TaggingColumns.morphology()
        let withRange = try #require(sentences.first { $0.tokens.contains { $0.columns[0].contains("-") } })
        let tagged = try columns.extract(withRange, file: reader.name)
        #expect(tagged.words.count == withRange.tokens.filter { WordID($0.columns[0])!.isWord }.count)
        #expect(tagged.labels.count == 2)
        #expect(tagged.labels[0].allSatisfy { !$0.isEmpty && $0 != "_" })
        let total = try sentences.reduce(0) { $0 + (try columns.extract($1, file: reader.name)).words.count }
        #expect(total == 25_094)
    }

    @Test func insertingPredictionsChangesOnlyTheLabelColumns() throws {
        let reader = try SentenceReader(path: SharedData.data("ner/uner-en-ewt/dev.iob2"))
        var sentence = try #require(try reader.next())
        let columns = TaggingColumns.entities(format: .iob2, columnCount: reader.columnCount!)
        let tagged = try columns.extract(sentence, file: reader.name)
        #expect(columns.labels == [2] && columns.word == 1)
        let before = sentence
        columns.insert([Array(repeating: "O", count: tagged.words.count)], into: &sentence, words: tagged)
        #expect(sentence.tokens.map { $0.columns[2] } == Array(repeating: "O", count: tagged.words.count))
        #expect(sentence.tokens.map { $0.columns[1] } == before.tokens.map { $0.columns[1] })
        #expect(sentence.header == before.header)
    }
}
