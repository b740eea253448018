import Foundation
import Testing
import TagKitTestSupport

@Suite struct ConvertCommandTests {
    @Test func withoutASchemeTheOutputIsTheInput() throws {
        for relative in ["ner/wikigold/dev.txt", "ner/uner-en-ewt/dev.iob2", "ud/ru_gsd/ru_gsd-ud-dev.conllu"] {
            let path = SharedData.data(relative)
            let result = try TagKitProcess.run(["convert", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == (try Data(contentsOf: URL(fileURLWithPath: path))), "\(relative)")
        }
    }

    @Test func schemeRoundTripThroughIOBESGivesTheFileBack() throws {
        let path = SharedData.data("ner/btc/dev.txt")
        let directory = try SharedData.temporaryDirectory()
        let iobes = directory.appendingPathComponent("dev.iobes").path
        let back = directory.appendingPathComponent("dev.iob2").path
        #expect(try TagKitProcess.run(["convert", path, "--to-scheme", "iobes", "-o", iobes]).status == 0)
        let converted = try String(contentsOfFile: iobes, encoding: .utf8)
        #expect(converted.contains("\tS-") && converted.contains("\tE-"))
        #expect(try TagKitProcess.run(["convert", iobes, "--from-scheme", "iobes", "--to-scheme", "iob2", "-o", back]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func iob2FilesConvertTheirTagColumnOnly() throws {
        let input = "# sent_id = 1\n1\tJohn\tB-PER\t-\tx\n2\tSmith\tI-PER\t-\tx\n3\tran\tO\t-\t-\n\n"
        let result = try TagKitProcess.run(["convert", "--format", "iob2", "--to-scheme", "bilou", "-"], stdin: Data(input.utf8))
        #expect(result.stdoutText == "# sent_id = 1\n1\tJohn\tB-PER\t-\tx\n2\tSmith\tL-PER\t-\tx\n3\tran\tO\t-\t-\n\n")
    }

    @Test func badInputFailsAndLeavesTheOutputAlone() throws {
        let directory = try SharedData.temporaryDirectory()
        let input = directory.appendingPathComponent("bad.txt")
        try Data("A B-PER\nB X-PER\n".utf8).write(to: input)
        let output = directory.appendingPathComponent("out.txt")
        try Data("keep me".utf8).write(to: output)
        let result = try TagKitProcess.run(["convert", input.path, "--to-scheme", "iobes", "-o", output.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.txt:2: expected a tag O or"))
        #expect(result.stderr.contains("found 'X-PER'"))
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["bad.txt", "out.txt"])
    }

    @Test func coNLLUNeedsATagColumnToConvert() throws {
        let result = try TagKitProcess.run(["convert", SharedData.data("ud/ru_gsd/ru_gsd-ud-dev.conllu"), "--to-scheme", "iob2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--tag-column"))
    }
}
