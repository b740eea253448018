import ArgumentParser
import Foundation

/// The files the repository ships (`models/`, `corpora/`, `embeddings/`), found from wherever
/// `tagkit` runs.
enum ShippedFiles {
    /// `relative` under the working directory, else under the executable's folder or one of its
    /// ancestors (`swift build` puts the executable in `.build/<config>/` inside the repository).
    static func path(_ relative: String) throws -> String {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + relative]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            candidates.append(directory.appendingPathComponent(relative).path)
            directory.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw ValidationError("the shipped file \(relative) was not found (looked in \(candidates[0]) and above the executable); "
                + "run tagkit from the repository, or name the file explicitly")
        }
        return found
    }
}
