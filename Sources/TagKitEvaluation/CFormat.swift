#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` number formatting, for reports that must match Perl's `printf` byte for byte:
/// `%6.2f` rounds the exact binary value half to even (12.125 prints as `12.12`).
enum CFormat {
    /// `value` formatted with the C format `format` (one `double` conversion, e.g. `%6.2f`).
    static func double(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress!, $0.count, format, arguments) }
        }
        precondition(written >= 0 && written < buffer.count, "number too wide for the report buffer")
        return String(decoding: buffer[..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `bytes` right-aligned in `width` bytes, as `%Ns` does for a byte string (longer strings are kept whole).
    static func rightAligned<Bytes: Collection<UInt8>>(_ bytes: Bytes, width: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: " "), count: max(0, width - bytes.count)) + Array(bytes)
    }
}
