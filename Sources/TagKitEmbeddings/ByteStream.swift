#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitText

/// A file read front to back through one reusable buffer, for the vector readers.
///
/// Unlike `LineReader` it hands out raw bytes, not lines: word2vec binary rows contain arbitrary
/// bytes (0x0A included), and the text reader cuts whole blocks of lines to parse them in parallel.
/// Memory stays at the buffer size (grown only for a single longer record).
final class ByteStream {
    /// The path, for error messages.
    let name: String
    /// The size of the input in bytes, when known up front (a regular file, bytes in memory).
    let fileSize: Int?
    /// The buffer; the unread bytes are `buffer[start..<end]`.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var start = 0
    private(set) var end = 0
    /// File offset of `buffer[0]`.
    private(set) var bufferOffset = 0
    /// True once `read` returned 0.
    private(set) var atEOF = false
    private let source: ByteSource

    convenience init(path: String, capacity: Int) throws {
        try self.init(source: ByteSource(path: path), capacity: capacity)
    }

    init(source: ByteSource, capacity: Int) {
        self.source = source
        name = source.name
        fileSize = source.size
        self.capacity = max(capacity, 64)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Unread bytes in the buffer.
    var available: Int { end - start }

    /// File offset of the first unread byte.
    var offset: Int { bufferOffset + start }

    /// Moves the unread bytes to the front, grows the buffer if it is full, and reads once more.
    /// - Returns: false if nothing more could be read (end of file).
    @discardableResult
    func fill() throws -> Bool {
        if atEOF { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            bufferOffset += start
            start = 0
            end = pending
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count = try source.read(into: buffer + end, count: capacity - end)
        if count == 0 {
            atEOF = true
            return false
        }
        end += count
        return true
    }

    /// Reads until the buffer is full or the file ends.
    func fillBuffer() throws {
        while available < capacity, try fill() {}
    }

    /// Makes at least `count` unread bytes available if the file has them.
    /// - Returns: false if the file ends first (then `available` is what is left).
    func ensure(_ count: Int) throws -> Bool {
        while available < count {
            if !(try fill()) { return false }
        }
        return true
    }
}
