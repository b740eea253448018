import Testing
@testable import TagKitTensor
#if canImport(Glibc)
import Glibc
#endif

/// Under a sanitizer (`.ci/sanitize`) malloc is the sanitizer's, not glibc's: AddressSanitizer's `mallopt`
/// refuses every option; ThreadSanitizer leaves `mallopt` to glibc, which accepts it for a heap nobody
/// uses; under both, `malloc_trim` finds nothing to release. The calls must report what happened.
@Suite struct HeapRetentionTests {
    /// Whether the runtime of the named sanitizer (`"asan"`, `"tsan"`) is in this process.
    private static func sanitizer(_ name: String) -> Bool {
        #if canImport(Glibc)
        return dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__\(name)_init") != nil
        #else
        return false
        #endif
    }

    private static let glibc: Bool = {
        #if canImport(Glibc)
        return true
        #else
        return false
        #endif
    }()

    @Test func theThresholdsAreAcceptedByGlibcsMallopt() {
        #expect(HeapRetention.keepFreedMemory() == (Self.glibc && !Self.sanitizer("asan")))
    }

    /// Freed heap memory kept by `keepFreedMemory` goes back to the OS on request.
    @Test func freedMemoryCanBeReturned() {
        HeapRetention.keepFreedMemory()
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: 16 << 20)
        block.initialize(repeating: 1, count: 16 << 20)
        block.deallocate()
        #expect(HeapRetention.returnFreedMemory() == (Self.glibc && !Self.sanitizer("asan") && !Self.sanitizer("tsan")))
    }
}
