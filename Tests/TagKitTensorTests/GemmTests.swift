import Testing
@testable import TagKitTensor

@Suite struct GemmTests {
    /// The product by definition, in Double, for comparison.
    private func reference(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, ta: Bool, tb: Bool) -> [Float] {
        (0..<m * n).map { index in
            let (i, j) = (index / n, index % n)
            var sum = 0.0
            for p in 0..<k {
                let x = ta ? a[p * m + i] : a[i * k + p]
                let y = tb ? b[j * k + p] : b[p * n + j]
                sum += Double(x) * Double(y)
            }
            return Float(sum)
        }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matchesTheDefinition(ta: Bool, tb: Bool) {
        Gemm.threadCount = 1
        let (m, n, k) = (3, 5, 4)
        let a = (0..<m * k).map { Float($0 % 7) - 3 }
        let b = (0..<k * n).map { Float($0 % 5) * 0.5 - 1 }
        var c = [Float](repeating: 1, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Gemm.multiply(m: m, n: n, k: k, pa.baseAddress!, lda: ta ? m : k, transposeA: ta,
                                  pb.baseAddress!, ldb: tb ? k : n, transposeB: tb,
                                  beta: 0, into: pc.baseAddress!, ldc: n)
                }
            }
        }
        #expect(c == reference(a, b, m: m, n: n, k: k, ta: ta, tb: tb))
    }
}
