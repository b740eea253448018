import Testing
@testable import TagKitTensor

@Suite struct HeapRetentionTests {
    @Test func glibcAcceptsTheThresholds() {
        #if canImport(Glibc)
        #expect(HeapRetention.keepFreedMemory())
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
