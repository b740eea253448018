/// An error in input data, located as precisely as the reader knows it.
///
/// Its description is the one every reader and command prints:
/// `FILE:LINE: expected WHAT, found WHAT` (or `FILE: byte OFFSET: …` for binary input),
/// so a user can open the file at the right place.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Where the input came from: a path, or `-` / `<stdin>` for standard input.
    public var file: String
    /// 1-based line number, if the input is line-oriented.
    public var line: Int?
    /// 0-based byte offset, for binary input.
    public var byteOffset: Int?
    /// What the reader expected at this place.
    public var expected: String
    /// What it found instead (already shortened for display).
    public var found: String

    public init(file: String, line: Int? = nil, byteOffset: Int? = nil, expected: String, found: String) {
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.expected = expected
        self.found = found
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let byteOffset { place += ": byte \(byteOffset)" }
        return "\(place): expected \(expected), found \(found)"
    }

    /// Shortens `text` for an error message: at most `limit` characters, control characters made visible.
    public static func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { out += "…"; break }
            switch scalar {
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "'" + out + "'"
    }

    /// Shortens raw bytes for an error message; invalid UTF-8 is shown with replacement characters.
    public static func excerpt(bytes: some Collection<UInt8>, limit: Int = 60) -> String {
        excerpt(String(decoding: bytes, as: UTF8.self), limit: limit)
    }
}

/// A file that could not be opened, read or written.
public struct FileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
