import Foundation
import Testing
import TagKitTestSupport

@Suite struct CommandLineTests {
    @Test func helpListsTheCommands() throws {
        let result = try TagKitProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("USAGE: tagkit"))
    }

    @Test func unknownCommandFails() throws {
        let result = try TagKitProcess.run(["no-such-command"])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }
}
