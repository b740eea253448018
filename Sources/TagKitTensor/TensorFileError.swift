/// A model file that cannot be read or written: `PATH: byte N: expected X, found Y` for malformed
/// content, `PATH: reason` for I/O failures.
///
/// TagKitTensor cannot use TagKitText's `InputError`/`FileError` (tensors sit below text in the
/// import graph), so it has its own error with the same shape of message.
public struct TensorFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file.
    public var path: String
    /// The byte offset in the file where the problem is, for malformed content.
    public var byteOffset: Int?
    /// What the content should have been (empty for I/O errors).
    public var expected: String
    /// What was there instead, or the I/O failure.
    public var found: String

    /// A malformed-content error at `byteOffset`.
    public init(path: String, byteOffset: Int, expected: String, found: String) {
        self.path = path
        self.byteOffset = byteOffset
        self.expected = expected
        self.found = found
    }

    /// An I/O error: `reason` says what failed.
    public init(path: String, reason: String) {
        self.path = path
        self.byteOffset = nil
        self.expected = ""
        self.found = reason
    }

    public var description: String {
        guard let byteOffset else { return "\(path): \(found)" }
        return "\(path): byte \(byteOffset): expected \(expected), found \(found)"
    }
}
