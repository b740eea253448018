import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct LabeledTextReaderTests {
    @Test func readsTheSharedClassificationSets() throws {
        let mr = try LabeledTextReader().read(path: SharedData.data("classify/mr/test.tsv"))
        #expect(mr.count == 1_066)
        #expect(Set(mr.map(\.label)) == ["pos", "neg"])
        let trec = try LabeledTextReader(labelColumn: 0, textColumn: 2).read(path: SharedData.data("classify/trec/test.tsv"))
        #expect(trec.count == 500)
        #expect(Set(trec.map(\.label)).count == 6)
        let fine = try LabeledTextReader(labelColumn: 1).read(path: SharedData.data("classify/trec/test.tsv"))
        #expect(fine.allSatisfy { $0.label.contains(":") })
        #expect(fine[0].text == trec[0].text)
    }

    private func errorMessage(_ text: String) throws -> String {
        let path = try SharedData.temporaryDirectory().appendingPathComponent("c.tsv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try LabeledTextReader().read(path: path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func badLinesNameTheirLine() throws {
        #expect(try errorMessage("pos\tgood film\nno tab here\n").hasSuffix("c.tsv:2: expected at least 2 tab-separated fields (label and text), found 1 in 'no tab here'"))
        #expect(try errorMessage("pos\t  \n").hasSuffix("c.tsv:1: expected a text in field 2, found an empty text"))
        #expect(try errorMessage("pos\tok\n\tno label\n").hasSuffix("c.tsv:2: expected a label in field 1, found an empty field"))
        #expect(try errorMessage("pos\tok\n\n").hasSuffix("c.tsv:2: expected at least 2 tab-separated fields (label and text), found 1 in ''"))
    }
}
