import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitText

@Suite struct OutputFileTests {
    @Test func commitReplacesTheFileAtOnce() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("out.txt").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let output = try OutputFile(path: path)
        try output.write("new ")
        try output.write(Array(repeating: UInt8(ascii: "x"), count: 100_000))
        // Before the commit the old content is untouched.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try output.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == 100_004)
        #expect(written.prefix(4) == Data("new ".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    }

    @Test func abandonedOutputLeavesTheOldFileAndNoTemporary() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("keep.txt").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let output = try OutputFile(path: path)
            try output.write(Array(repeating: UInt8(ascii: "y"), count: 200_000))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.txt"])
    }

    @Test func unwritableDirectoryIsAClearError() {
        #expect(throws: FileError.self) { try OutputFile(path: "/nonexistent/tagkit/out.txt") }
    }
}
