import FuzzSupport
import TagKit

/// Loads the input as a GloVe text vector file, then with the format detected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { try VectorFuzzing.load($0, format: .glove) }
}
