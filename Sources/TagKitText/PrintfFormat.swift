#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Formats `value` as C `printf("%*.*f", width, precision, value)` does: the exact binary value
/// rounded half to even, right-aligned in `width` characters. Evaluation reports use it so their
/// digits match conlleval.pl and conll18_ud_eval.py, which print through the C library.
public func printfFixed(_ value: Double, width: Int = 0, precision: Int = 2) -> String {
    var buffer = [CChar](repeating: 0, count: 64 + max(width, 0) + 330)
    let length = buffer.withUnsafeMutableBufferPointer { pointer in
        withVaList([Int32(width), Int32(precision), value]) { arguments in
            vsnprintf(pointer.baseAddress!, pointer.count, "%*.*f", arguments)
        }
    }
    let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
