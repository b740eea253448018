import FuzzSupport
import TagKit

/// Reads the input as a CoNLL column file, then as a tagger's training corpus.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { try CorpusFuzzing.readAll($0, format: .conll) }
}
