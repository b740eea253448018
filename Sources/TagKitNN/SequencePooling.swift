import TagKitTensor

/// How a sequence of vectors becomes one vector (the lecture's coordinate-wise sum, mean or max).
public enum SequencePooling: String, Codable, CaseIterable, Sendable {
    /// `s = Σ_t x_t`.
    case sum
    /// `s = (1/T) Σ_t x_t`.
    case mean
    /// `s_j = max_t x_tj`, coordinate-wise.
    case max
}

/// Pools consecutive runs of rows, one run per sequence, into one row each (a fused op with a
/// hand-written backward pass).
///
/// `x` is `[Σ lengths, features]`: sequence `b` is rows `offset_b ..< offset_b + lengths[b]` with
/// `offset_b = Σ_{c<b} lengths[c]`. The result is `[lengths.count, features]`, row `b` being the
/// pooling of sequence `b`'s rows; an empty sequence gives zeros (and passes no gradient).
/// VJP: sum spreads `dy_b` to every row of the sequence, mean spreads `dy_b / T_b`, max sends
/// `dy_bj` to the row that held the maximum of coordinate `j` (the first one on ties).
public func poolSequences(_ x: Variable, lengths: [Int], pooling: SequencePooling) -> Variable {
    let input = x.value
    let features = input.columnCount
    precondition(input.rank == 2 && lengths.allSatisfy { $0 >= 0 } && lengths.reduce(0, +) == input.shape[0],
                 "pooling rows of shape \(input.shape) into sequences of lengths \(lengths)")
    let batch = lengths.count
    var offsets = [Int](repeating: 0, count: batch)
    for b in 1..<max(1, batch) { offsets[b] = offsets[b - 1] + lengths[b - 1] }
    var output = Tensor.zeros([batch, features])
    // For max pooling, the row of each (sequence, feature) maximum.
    var winners = pooling == .max ? [Int](repeating: -1, count: batch * features) : []
    input.withUnsafeBufferPointer { px in
        output.withUnsafeMutableBufferPointer { py in
            let source = px.baseAddress!, target = py.baseAddress!
            for b in 0..<batch where lengths[b] > 0 {
                let row = target + b * features
                switch pooling {
                case .sum, .mean:
                    for t in 0..<lengths[b] { VectorMath.add(source + (offsets[b] + t) * features, into: row, count: features) }
                    if pooling == .mean {
                        let scale = 1 / Float(lengths[b])
                        for j in 0..<features { row[j] *= scale }
                    }
                case .max:
                    row.update(from: source + offsets[b] * features, count: features)
                    for j in 0..<features { winners[b * features + j] = offsets[b] }
                    for t in 1..<lengths[b] {
                        let candidate = source + (offsets[b] + t) * features
                        for j in 0..<features where candidate[j] > row[j] {
                            row[j] = candidate[j]
                            winners[b * features + j] = offsets[b] + t
                        }
                    }
                }
            }
        }
    }
    return x.tape.record(inputs: [x], output: output) { context in
        let dy = context.outputGradient(0)
        dy.withUnsafeBufferPointer { g in
            context.accumulateGradient(ofInput: 0) { dx in
                let gradient = g.baseAddress!, target = dx.baseAddress!
                for b in 0..<batch where lengths[b] > 0 {
                    switch pooling {
                    case .sum:
                        for t in 0..<lengths[b] {
                            VectorMath.add(gradient + b * features, into: target + (offsets[b] + t) * features, count: features)
                        }
                    case .mean:
                        let scale = 1 / Float(lengths[b])
                        for t in 0..<lengths[b] {
                            VectorMath.add(scale, times: gradient + b * features, into: target + (offsets[b] + t) * features,
                                           count: features)
                        }
                    case .max:
                        for j in 0..<features {
                            target[winners[b * features + j] * features + j] += gradient[b * features + j]
                        }
                    }
                }
            }
        }
    }
}
