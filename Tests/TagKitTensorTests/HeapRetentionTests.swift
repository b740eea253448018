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
}
