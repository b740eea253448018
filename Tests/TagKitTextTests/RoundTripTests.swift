import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

/// Every shared corpus file reads and writes back byte for byte.
@Suite struct RoundTripTests {
    static let corpusFiles = [
        "ner/conll2002-es/train.txt", "ner/conll2002-es/dev.txt", "ner/conll2002-es/test.txt",
        "ner/uner-en-ewt/dev.iob2", "ner/uner-en-ewt/test.iob2",
        "ner/wikigold/train.txt", "ner/wikigold/dev.txt", "ner/wikigold/test.txt",
        "ner/btc/train.txt", "ner/btc/dev.txt", "ner/btc/test.txt",
        "ud/en_ewt/en_ewt-ud-train.conllu", "ud/en_ewt/en_ewt-ud-dev.conllu", "ud/en_ewt/en_ewt-ud-test.conllu",
        "ud/ru_gsd/ru_gsd-ud-dev.conllu", "ud/ru_gsd/ru_gsd-ud-test.conllu",
        "ud/ru_taiga/ru_taiga-ud-train.conllu", "ud/ru_taiga/ru_taiga-ud-dev.conllu",
        "ud/ru_taiga/ru_taiga-ud-test.conllu",
    ]

    @Test(arguments: corpusFiles)
    func sharedFileRoundTrips(relative: String) throws {
        let path = SharedData.data(relative)
        let directory = try SharedData.temporaryDirectory()
        let copy = directory.appendingPathComponent("copy").path
        let reader = try SentenceReader(path: path)
        let output = try OutputFile(path: copy)
        let writer = SentenceWriter(output: output)
        while let sentence = try reader.next() { try writer.write(sentence) }
        try output.commit()
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let written = try Data(contentsOf: URL(fileURLWithPath: copy))
        #expect(original.count == written.count)
        #expect(original == written)
    }

    @Test func sentenceCountsMatchTheDataREADME() throws {
        // Counts from ../shared/data/README.md.
        let es = try SentenceReader(path: SharedData.data("ner/conll2002-es/test.txt")).readAll()
        #expect(es.count == 1_517)
        #expect(es.reduce(0) { $0 + $1.tokens.count } == 51_533)

        let wikigold = try SentenceReader(path: SharedData.data("ner/wikigold/test.txt")).readAll()
        #expect(wikigold.filter { !$0.tokens.isEmpty }.count == 173)
        #expect(wikigold.filter(\.startsDocument).count == 18)
        #expect(wikigold.reduce(0) { $0 + $1.tokens.count } == 3_427)

        let ewt = try SentenceReader(path: SharedData.data("ud/en_ewt/en_ewt-ud-test.conllu")).readAll()
        #expect(ewt.count == 2_077)
        let ids = ewt.flatMap { $0.tokens.map { WordID($0.columns[0])! } }
        #expect(ids.filter(\.isWord).count == 25_094)
        #expect(ids.filter { if case .range = $0 { return true } else { return false } }.count == 354)
        #expect(ids.filter { if case .empty = $0 { return true } else { return false } }.count == 2)
        #expect(ewt.reduce(0) { $0 + $1.header.count } == 5_324)

        let uner = try SentenceReader(path: SharedData.data("ner/uner-en-ewt/test.iob2")).readAll()
        #expect(uner.count == 2_077)
        #expect(uner.reduce(0) { $0 + $1.tokens.count } == 25_097)
    }
}
