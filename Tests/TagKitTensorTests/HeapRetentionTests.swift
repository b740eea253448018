import Testing
@testable import TagKitTensor
#if canImport(Glibc)
import Glibc
#endif

@Suite struct HeapRetentionTests {
    /// glibc's allocator accepts both thresholds. Under AddressSanitizer (`swift test --sanitize=address`)
    /// malloc is the sanitizer's, whose `mallopt` refuses every option, and the call must say so.
    @Test func theAllocatorAcceptsTheThresholdsExactlyWhenItIsGlibcs() {
        #if canImport(Glibc)
        let sanitizerAllocator = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        #expect(HeapRetention.keepFreedMemory() == !sanitizerAllocator)
        #else
        #expect(!HeapRetention.keepFreedMemory())
        #endif
    }

    /// Freed heap memory kept by `keepFreedMemory` goes back to the OS on request.
    @Test func freedMemoryCanBeReturned() {
        HeapRetention.keepFreedMemory()
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: 16 << 20)
        block.initialize(repeating: 1, count: 16 << 20)
        block.deallocate()
        #if canImport(Glibc)
        #expect(HeapRetention.returnFreedMemory())
        #else
        #expect(!HeapRetention.returnFreedMemory())
        #endif
    }
}
