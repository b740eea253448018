#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` layout for reports that must match Perl's `printf` byte for byte (numbers go through
/// `printfFixed`, which rounds the exact binary value half to even as `%6.2f` does).
enum CFormat {
    /// `bytes` right-aligned in `width` bytes, as `%Ns` does for a byte string (longer strings are kept whole).
    static func rightAligned<Bytes: Collection<UInt8>>(_ bytes: Bytes, width: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: " "), count: max(0, width - bytes.count)) + Array(bytes)
    }
}
