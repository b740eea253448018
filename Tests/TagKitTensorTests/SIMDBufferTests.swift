import Testing
import TagKitTensor

@Suite struct SIMDBufferTests {
    /// A partial load reads exactly `count` floats and zeroes the other lanes; a partial store writes
    /// exactly `count` floats and leaves the memory after them alone. Every count from 0 to 17.
    @Test func partialLoadsAndStoresTouchExactlyCountLanes() {
        let source = (0..<20).map { Float($0) + 0.5 }
        for count in 0...17 {
            let vector = source.withUnsafeBufferPointer { SIMDBuffer.load($0.baseAddress!, count: count) }
            for lane in 0..<16 {
                #expect(vector[lane] == (lane < count ? source[lane] : 0), "count \(count), lane \(lane)")
            }
            var target = [Float](repeating: -1, count: 20)
            target.withUnsafeMutableBufferPointer { SIMDBuffer.store(vector, to: $0.baseAddress!, count: count) }
            let written = min(count, 16)
            #expect(Array(target[..<written]) == Array(source[..<written]), "count \(count)")
            #expect(target[written...].allSatisfy { $0 == -1 }, "count \(count)")
        }
    }
}
