import Foundation
import Testing
import TagKitTestSupport

/// The files of `Malformed/` (and a generated 1 MB line) given to the commands that read them: each
/// must fail with exactly the error `Malformed/EXPECTED.tsv` lists, a non-zero exit status, and leave
/// an existing output file byte for byte as it was (no temporary file left beside it either).
@Suite struct MalformedInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Malformed")

    /// The manifest's rows: file, arguments (split on spaces), expected standard error line.
    private func manifest() throws -> [(file: String, arguments: [String], expected: String)] {
        try String(contentsOf: Self.folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { row in
                let fields = row.split(separator: "\t", maxSplits: 2).map(String.init)
                return (fields[0], fields[1].split(separator: " ").map(String.init), fields[2])
            }
    }

    /// A copy of the folder in a fresh directory, plus the generated `long-line.conll` (a 1 MB token
    /// line) and a tiny trained classifier; the commands run there, so messages hold bare file names.
    private func workspace() throws -> URL {
        let directory = try SharedData.temporaryDirectory().appendingPathComponent("malformed")
        try FileManager.default.copyItem(at: Self.folder, to: directory)
        let long = "a O\n" + String(repeating: "x", count: 1 << 20) + " y z O\n\n"
        try Data(long.utf8).write(to: directory.appendingPathComponent("long-line.conll"))
        let train = directory.appendingPathComponent("classifier-train.tsv")
        try Data("pos\ta fine film\nneg\ta dull film\npos\tfine acting\nneg\tdull plot\n".utf8).write(to: train)
        let trained = try TagKitProcess.run(["train", "--task", "classify", "--train", train.path, "-o", "classifier.model",
                                             "--model-type", "bag", "--embedding-dimension", "4", "--epochs", "1"],
                                            currentDirectory: directory)
        #expect(trained.status == 0, "\(trained.stderr)")
        return directory
    }

    @Test func everyMalformedFileGivesItsExactError() throws {
        let directory = try workspace()
        let rows = try manifest()
        #expect(rows.count >= 20)
        let listed = Set(rows.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path))
            .subtracting(["EXPECTED.tsv", "mixed-line-endings.conll"])
        #expect(present.subtracting(listed).isEmpty, "every bad file has a row: \(present.subtracting(listed))")
        let previous = Data("the previous, complete output\n".utf8)
        for (index, row) in rows.enumerated() {
            let output = "existing-output-\(index)"
            let outputURL = directory.appendingPathComponent(output)
            try previous.write(to: outputURL)
            let before = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            let arguments = row.arguments.map { argument in
                switch argument {
                case "{out}": output
                case "{tagger}": SharedData.package("models/en-ner.tagkit")
                case "{classifier}": "classifier.model"
                default: argument
                }
            }
            let result = try TagKitProcess.run(arguments, currentDirectory: directory)
            let command = "tagkit " + arguments.joined(separator: " ")
            #expect(result.status != 0, "\(command) exits non-zero")
            #expect(result.stderr == "Error: \(row.expected)\n", "\(command)")
            #expect(try Data(contentsOf: outputURL) == previous, "\(command) leaves \(output) as it was")
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == before,
                    "\(command) leaves no temporary file")
        }
    }

    /// CRLF and LF mixed in one file are accepted line by line (LineReader strips the `\r` of a
    /// `\r\n` and remembers it), and written back with each line's own ending: `convert` is the
    /// identity and `tag` keeps every ending.
    @Test func mixedLineEndingsAreAcceptedAndKept() throws {
        let input = Self.folder.appendingPathComponent("mixed-line-endings.conll").path
        let original = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(original.contains(Data("\r\n".utf8)) && original.contains(Data("O\nGerman".utf8)))
        let converted = try TagKitProcess.run(["convert", input])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout == original)
        let tagged = try TagKitProcess.run(["tag", "--model", SharedData.package("models/en-ner.tagkit"), input])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        let endings = { (data: Data) in
            String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") }
        }
        #expect(endings(tagged.stdout) == endings(original))
    }
}
