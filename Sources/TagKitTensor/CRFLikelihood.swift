/// The CRF's training objective on a lattice: the negative log-likelihood of the gold tags and its
/// gradient by forward–backward.
///
/// `NLL_b = log Z_b − s_b(y*)`. Its gradient is expected counts minus gold counts:
/// `∂NLL/∂E_t[j] = P(y_t = j) − [y*_t = j]`,
/// `∂NLL/∂transitions[i, j] = Σ_{t≥1} P(y_{t-1} = i, y_t = j) − #{t : y*_{t-1} = i, y*_t = j}`,
/// `∂NLL/∂start[j] = P(y_0 = j) − [y*_0 = j]`, `∂NLL/∂end[j] = P(y_{L-1} = j) − [y*_{L-1} = j]`,
/// with `P(y_{t-1} = i, y_t = j) = exp(α_{t-1}[i] + transitions[i, j] + E_t[j] + β_t[j] − log Z)`.
extension CRFLattice {
    /// The score `s(y)` of tag path `tags` (`[B, T]` row-major, padded positions ignored) for each sequence.
    public func pathScores(tags: [Int]) -> [Float] {
        validate(tags)
        let k = tagCount
        return lengths.enumerated().map { sequence, length in
            guard length > 0 else { return 0 }
            let row = sequence * paddedLength
            var score = start[tags[row]] + end[tags[row + length - 1]]
            for time in 0..<length {
                score += emissions[(row + time) * k + tags[row + time]]
                if time > 0 { score += transitions[tags[row + time - 1] * k + tags[row + time]] }
            }
            return score
        }
    }

    /// `log Z_b − s_b(tags)` for each sequence (0 for an empty one).
    public func negativeLogLikelihood(tags: [Int]) -> [Float] {
        zip(logPartition, pathScores(tags: tags)).map { $0 - $1 }
    }

    /// Adds `scales[b] · ∂NLL_b/∂·` to the emission gradient `[B, T, K]` (padded rows untouched) and to
    /// the parameter gradients, for every sequence `b`. Either destination may be nil.
    public func accumulateNegativeLogLikelihoodGradient(
        tags: [Int], scales: [Float],
        emissionGradient: UnsafeMutablePointer<Float>?, parameterGradients: CRFParameterGradients?
    ) {
        validate(tags)
        precondition(scales.count == batchSize, "one scale per sequence")
        computeBackward()
        let k = tagCount
        let row = UnsafeMutablePointer<Float>.allocate(capacity: k)
        defer { row.deallocate() }
        for (sequence, length) in lengths.enumerated() where length > 0 && scales[sequence] != 0 {
            let scale = scales[sequence]
            let base = sequence * paddedLength
            let logZ = logPartition[sequence]
            for time in 0..<length {
                let cell = (base + time) * k
                let gold = tags[base + time]
                // Token marginals, scaled: P(y_t = ·) · scale.
                for j in 0..<k { row[j] = alpha[cell + j] + beta[cell + j] - logZ }
                VectorMath.exp(row, into: row, count: k)
                for j in 0..<k { row[j] *= scale }
                if let emissionGradient {
                    VectorMath.add(row, into: emissionGradient + cell, count: k)
                    emissionGradient[cell + gold] -= scale
                }
                guard let parameterGradients else { continue }
                if time == 0 {
                    VectorMath.add(row, into: parameterGradients.start, count: k)
                    parameterGradients.start[gold] -= scale
                }
                if time == length - 1 {
                    VectorMath.add(row, into: parameterGradients.end, count: k)
                    parameterGradients.end[gold] -= scale
                }
                if time > 0 {
                    addPairMarginals(sequence: sequence, time: time, scale: scale, into: parameterGradients.transitions)
                    parameterGradients.transitions[tags[base + time - 1] * k + gold] -= scale
                }
            }
        }
    }

    /// `gradient[i, j] += scale · P(y_{t-1} = i, y_t = j)`, sixteen `j` at a time.
    private func addPairMarginals(sequence: Int, time: Int, scale: Float, into gradient: UnsafeMutablePointer<Float>) {
        let k = tagCount
        let cell = (sequence * paddedLength + time) * k
        let previous = cell - k
        let logZ = logPartition[sequence]
        let scaleVector = SIMD16<Float>(repeating: scale)
        for column in stride(from: 0, to: k, by: 16) {
            let lanes = k - column
            let incoming = SIMDBuffer.load(emissions + cell + column, count: lanes)
                + SIMDBuffer.load(beta + cell + column, count: lanes) - SIMD16(repeating: logZ)
            for i in 0..<k {
                let score = SIMD16(repeating: alpha[previous + i])
                    + SIMDBuffer.load(transitions + i * k + column, count: lanes) + incoming
                let target = gradient + i * k + column
                SIMDBuffer.store(SIMDBuffer.load(target, count: lanes) + VectorMath.exp(score) * scaleVector,
                                 to: target, count: lanes)
            }
        }
    }

    private func validate(_ tags: [Int]) {
        precondition(tags.count == batchSize * paddedLength, "tags must be [B, T] = \(batchSize) × \(paddedLength)")
        for (sequence, length) in lengths.enumerated() {
            for time in 0..<length {
                precondition((0..<tagCount).contains(tags[sequence * paddedLength + time]),
                             "gold tag out of range at sequence \(sequence), position \(time)")
            }
        }
    }
}
