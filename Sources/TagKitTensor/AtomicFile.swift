#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic whole-file writes, for model files.
///
/// TagKitText's `OutputFile` does the same for streamed text, but TagKitTensor sits below
/// TagKitText and must not import it; a model file is written in one piece, so this needs only
/// the temp-file + fsync + rename core (about 40 lines) rather than a buffered stream.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`, so
    /// `path` holds either its old content or all of `bytes`, never a part.
    public static func write(_ bytes: [UInt8], to path: String) throws(TensorFileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw TensorFileError(path: path, reason: "is a directory") }
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw TensorFileError(path: path, reason: "cannot create a temporary file beside it: \(errorText())") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var committed = false
        defer {
            close(fd)
            if !committed { unlink(temporary) }
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TensorFileError(path: path, reason: "write failed: \(errorText())")
            }
            offset += written
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0 else { throw TensorFileError(path: path, reason: "sync failed: \(errorText())") }
        guard rename(temporary, path) == 0 else {
            throw TensorFileError(path: path, reason: "cannot move the finished file into place: \(errorText())")
        }
        committed = true
    }

    /// The whole content of the file at `path`.
    public static func read(_ path: String) throws(TensorFileError) -> [UInt8] {
        let file = try ReadOnlyFile(path: path)
        return try file.read(UInt8.self, count: file.size, at: 0)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, pointer, count) }
