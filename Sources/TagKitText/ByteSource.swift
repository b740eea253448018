#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: an open file (or standard input), or bytes already in memory.
///
/// Readers that take a path read the file; the in-memory form lets the same reading code run on a
/// buffer (for the fuzz targets and tests), with reads optionally cut short as a pipe cuts them.
public final class ByteSource {
    /// The name used in error messages: the path, `<stdin>`, or the name given with the bytes.
    public let name: String
    /// The size in bytes, when known up front (a regular file, or bytes in memory).
    public let size: Int?

    private enum Origin {
        case descriptor(Int32, owned: Bool)
        case memory([UInt8], readSize: Int)
    }

    private let origin: Origin
    private var position = 0

    /// Opens `path` for reading; `-` means standard input.
    /// - Throws: `FileError` if it cannot be opened or is a directory.
    public init(path: String) throws {
        if path == "-" {
            origin = .descriptor(0, owned: false)
            name = "<stdin>"
            size = nil
            return
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(opened)
            throw FileError(path: path, reason: reason)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw FileError(path: path, reason: "is a directory")
        }
        origin = .descriptor(opened, owned: true)
        name = path
        size = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    /// Serves `bytes` as the content of a file called `name`, at most `readSize` bytes per read.
    public init(bytes: [UInt8], name: String, readSize: Int = Int.max) {
        origin = .memory(bytes, readSize: max(1, readSize))
        self.name = name
        size = bytes.count
    }

    deinit {
        if case .descriptor(let fd, owned: true) = origin { close(fd) }
    }

    /// Reads up to `count` bytes into `target`, retrying on `EINTR`.
    /// - Returns: the number of bytes read; 0 only at the end of the input (or when `count` is 0).
    public func read(into target: UnsafeMutableRawPointer, count: Int) throws -> Int {
        switch origin {
        case .descriptor(let fd, _):
            while true {
                let got = systemRead(fd, target, count)
                if got >= 0 { return got }
                if errno == EINTR { continue }
                throw FileError(path: name, reason: String(cString: strerror(errno)))
            }
        case .memory(let bytes, let readSize):
            let got = min(count, readSize, bytes.count - position)
            guard got > 0 else { return 0 }
            bytes.withUnsafeBytes { target.copyMemory(from: $0.baseAddress! + position, byteCount: got) }
            position += got
            return got
        }
    }
}

/// `read(2)`, under a name the method above does not shadow.
private func systemRead(_ fd: Int32, _ target: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, target, count)
}
