#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading at given offsets (`pread`), so a reader can fill its own
/// buffers in place instead of holding a copy of the whole file. Closed when the last copy goes.
final class ReadOnlyFile {
    /// The path, for errors.
    let path: String
    /// The file's size in bytes when opened.
    let size: Int
    private let descriptor: Int32

    /// Opens `path`; throws if it cannot be opened or is not a regular file.
    init(path: String) throws(TensorFileError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw TensorFileError(path: path, reason: "cannot open: \(Self.errorText())") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = "cannot stat: \(Self.errorText())"
            close(descriptor)
            throw TensorFileError(path: path, reason: reason)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw TensorFileError(path: path, reason: "is not a regular file")
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// `count` values of `T` read from the bytes at `offset` (in the file's byte order), straight into
    /// the array's storage; throws if the file ends first.
    func read<T: BitwiseCopyable>(_ type: T.Type, count: Int, at offset: Int) throws(TensorFileError) -> [T] {
        var failure: TensorFileError?
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(TensorFileError) {
                try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    /// Fills `buffer` with the bytes at `offset..<offset + buffer.count`; throws if the file ends first.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(TensorFileError) {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw TensorFileError(path: path, reason: "read failed: \(Self.errorText())")
            }
            if count == 0 { throw TensorFileError(path: path, reason: "file shrank while being read") }
            done += count
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
