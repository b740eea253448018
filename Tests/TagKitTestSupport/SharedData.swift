import Foundation

/// Locates the project's read-only inputs from a test, independent of the working directory.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared` beside the package root: real corpora, vectors and golden files (read-only).
    public static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The path of `relative` under `../shared/data`.
    public static func data(_ relative: String) -> String {
        root.appendingPathComponent("data").appendingPathComponent(relative).path
    }

    /// The path of `relative` under the package root (`corpora/…`, `embeddings/…`, `Tests/Fixtures/…`).
    public static func package(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// A fresh empty temporary directory, for tests that write files.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tagkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
