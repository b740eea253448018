import Testing
@testable import TagKitTensor

@Suite struct TensorTests {
    @Test func rowMajorIndexingAndValueSemantics() {
        var t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let copy = t
        t[1, 2] = 60
        #expect(t.scalars == [1, 2, 3, 4, 5, 60])
        #expect(copy.scalars == [1, 2, 3, 4, 5, 6])
        #expect(t.rowCount == 2 && t.columnCount == 3)
        #expect(Array(t.row(1)) == [4, 5, 60])
        #expect(t.reshaped([3, 2])[2, 1] == 60)
        var shared = copy
        shared.withUnsafeMutableBufferPointer { $0[0] = -1 }
        #expect(copy[0, 0] == 1 && shared[0, 0] == -1)
    }

    @Test func argmaxOfRowsTakesTheFirstMaximum() {
        let scores = Tensor(shape: [3, 3], scalars: [0, 2, 1, 5, 5, -1, -3, -2, -2])
        #expect(scores.argmaxOfRows() == [1, 0, 1])
        #expect(Tensor.zeros([0, 3]).argmaxOfRows() == [])
        #expect(Tensor(shape: [2, 1], scalars: [4, 3]).argmaxOfRows() == [0, 0])
    }

    /// The first outputs of xoshiro256** seeded by SplitMix64 from 0, as printed by the reference
    /// C implementations (splitmix64.c and xoshiro256starstar.c by Blackman and Vigna).
    @Test func generatorMatchesTheReferenceStream() {
        var generator = SeededGenerator(seed: 0)
        let expected: [UInt64] = [0x99EC5F36CB75F2B4, 0xBF6E1F784956452A, 0x1A5F849D4933E6E0]
        #expect((0..<3).map { _ in generator.next() } == expected)
    }

    @Test func sameSeedSameTensorDifferentSeedDifferentTensor() {
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42), g3 = SeededGenerator(seed: 43)
        let a = Tensor.normal([4, 5], using: &g1)
        #expect(a == Tensor.normal([4, 5], using: &g2))
        #expect(a != Tensor.normal([4, 5], using: &g3))
    }

    @Test func distributionsHaveTheirMoments() {
        var generator = SeededGenerator(seed: 7)
        let n = 20_000
        let normal = Tensor.normal([n], mean: 1, standardDeviation: 2, using: &generator).scalars.map(Double.init)
        let mean = normal.reduce(0, +) / Double(n)
        let variance = normal.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean - 1) < 0.05 && abs(variance - 4) < 0.15)
        let uniform = Tensor.uniform([n], lower: -3, upper: 5, using: &generator).scalars
        #expect(uniform.allSatisfy { $0 >= -3 && $0 < 5 })
        #expect(abs(Double(uniform.reduce(0, +)) / Double(n) - 1) < 0.1)
        let glorot = Tensor.glorotUniform([30, 20], using: &generator)
        let bound = (6.0 / 50).squareRoot()
        #expect(glorot.scalars.allSatisfy { abs(Double($0)) <= bound })
        #expect(glorot.scalars.map { abs(Double($0)) }.max()! > 0.9 * bound)
    }

    @Test(arguments: [(3, 5), (5, 3), (4, 4)])
    func orthogonalHasOrthonormalRowsOrColumns(rows: Int, columns: Int) {
        var generator = SeededGenerator(seed: 3)
        let q = Tensor.orthogonal(rows: rows, columns: columns, gain: 2, using: &generator)
        // Gram matrix of the shorter side must be gain² · I.
        let short = min(rows, columns), long = max(rows, columns)
        func element(_ vector: Int, _ i: Int) -> Double {
            Double(rows <= columns ? q[vector, i] : q[i, vector])
        }
        for u in 0..<short {
            for v in 0..<short {
                let dot = (0..<long).map { element(u, $0) * element(v, $0) }.reduce(0, +)
                #expect(abs(dot - (u == v ? 4 : 0)) < 1e-5)
            }
        }
    }

    @Test func vectorMathMatchesScalarLoops() {
        let x = (0..<37).map { Float($0) * 0.25 - 3 }
        var y = (0..<37).map { Float($0 % 5) }
        let expectedDot = zip(x, y).map { Double($0) * Double($1) }.reduce(0, +)
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                #expect(abs(Double(VectorMath.dot(px.baseAddress!, py.baseAddress!, count: 37)) - expectedDot) < 1e-3)
                #expect(VectorMath.sum(px.baseAddress!, count: 37) == x.reduce(0, +))
                #expect(VectorMath.maximum(px.baseAddress!, count: 37) == 6)
            }
        }
        let before = y
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in VectorMath.add(2, times: px.baseAddress!, into: py.baseAddress!, count: 37) }
        }
        #expect(y == zip(before, x).map { $0 + 2 * $1 })
    }
}
