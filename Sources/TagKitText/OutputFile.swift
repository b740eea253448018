#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte sink for a command's output: standard output, or a file replaced atomically.
///
/// For a file, bytes go to a temporary file in the same directory, which `commit()` flushes,
/// syncs and renames over the destination. Until then the destination is untouched, so an error,
/// a crash or Ctrl-C never leaves a half-written file; an uncommitted temporary file is removed
/// when the sink is released.
public final class OutputFile {
    /// The destination path, or `-` for standard output.
    public let path: String
    private let fd: Int32
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    private var finished = false

    /// Opens a sink for `path`; `nil` or `-` is standard output.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            self.path = "-"
            fd = 1
            temporaryPath = nil
            buffer.reserveCapacity(bufferLimit)
            return
        }
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw FileError(path: path, reason: "is a directory") }
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).tmp-XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else {
            throw FileError(path: path, reason: "cannot create a temporary file beside it: \(String(cString: strerror(errno)))")
        }
        fd = opened
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        if let temporaryPath, !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Appends bytes.
    public func write(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { writeDescriptor(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, reason: "write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, makes it durable and moves it into place.
    public func commit() throws {
        try flush()
        guard let temporaryPath, !finished else { return }
        finished = true
        defer { close(fd) }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0 else {
            unlink(temporaryPath)
            throw FileError(path: path, reason: "sync failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FileError(path: path, reason: "cannot move the finished file into place: \(reason)")
        }
    }
}

@inline(__always)
private func writeDescriptor(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
