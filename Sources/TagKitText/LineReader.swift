#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a line ended in the input.
public enum LineEnding: UInt8, Sendable {
    /// `\n`
    case lf
    /// `\r\n`
    case crlf
    /// The last line of a file that does not end with a newline.
    case none
}

/// Reads a file (or standard input) line by line in fixed-size chunks, without decoding.
///
/// Memory stays bounded by the chunk size plus the longest line. Each line is handed out as a
/// buffer that is valid only until the next call, so readers parse it in place and copy only what
/// they keep. Lines are split at `\n`; a `\r` before it is reported as `.crlf` and not included.
public final class LineReader {
    /// The name used in error messages: the path, or `<stdin>`.
    public let name: String
    /// 1-based number of the line most recently returned (0 before the first).
    public private(set) var lineNumber = 0
    /// Byte offset in the input of the start of the line most recently returned.
    public private(set) var lineOffset = 0

    private let source: ByteSource
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var consumed = 0
    private var atEOF = false

    /// Opens `path` for reading; `-` means standard input.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        source = try ByteSource(path: path)
        name = source.name
        capacity = max(chunkSize, 16)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    /// Reads `bytes` held in memory as if they were a file called `name`, handing them over in
    /// reads of at most `readSize` bytes (as a pipe would) into a buffer of `chunkSize` bytes.
    public init(bytes: [UInt8], name: String, chunkSize: Int = 1 << 20, readSize: Int = Int.max) {
        source = ByteSource(bytes: bytes, name: name, readSize: readSize)
        self.name = name
        capacity = max(chunkSize, 16)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Calls `body` with the next line's bytes (without its ending) and the ending.
    /// Returns `nil` at end of input, otherwise what `body` returns.
    @inlinable
    public func nextLine<R>(_ body: (UnsafeBufferPointer<UInt8>, LineEnding) throws -> R) throws -> R? {
        guard let (range, ending) = try advance() else { return nil }
        return try withBytes(range) { try body($0, ending) }
    }

    /// Reads the next line and returns its location in the internal buffer.
    @usableFromInline
    func advance() throws -> (Range<Int>, LineEnding)? {
        while true {
            if let newline = findNewline() {
                var lineEnd = newline
                var ending = LineEnding.lf
                if lineEnd > start, buffer.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 0x0D {
                    lineEnd -= 1
                    ending = .crlf
                }
                let range = start..<lineEnd
                lineOffset = consumed
                consumed += newline + 1 - start
                start = newline + 1
                lineNumber += 1
                return (range, ending)
            }
            if atEOF {
                guard start < end else { return nil }
                let range = start..<end
                lineOffset = consumed
                consumed += end - start
                start = end
                lineNumber += 1
                return (range, .none)
            }
            try fill()
        }
    }

    @usableFromInline
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let base = buffer.assumingMemoryBound(to: UInt8.self)
        return try body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    private func findNewline() -> Int? {
        guard start < end else { return nil }
        guard let found = memchr(buffer + start, 0x0A, end - start) else { return nil }
        return buffer.distance(to: found)
    }

    /// Moves the unread tail to the front (growing the buffer for a long line) and reads more.
    private func fill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            start = 0
            end = pending
        }
        if end == capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
            grown.copyMemory(from: buffer, byteCount: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count = try source.read(into: buffer + end, count: capacity - end)
        if count == 0 { atEOF = true }
        end += count
    }
}
