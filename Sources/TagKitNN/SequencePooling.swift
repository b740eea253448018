import TagKitTensor

/// How a sequence of vectors is reduced to one vector, coordinate by coordinate.
public enum SequencePooling: String, Codable, CaseIterable, Sendable {
    /// `s_j = Σ_t x_tj`.
    case sum
    /// `s_j = (1/n) Σ_t x_tj`.
    case mean
    /// `s_j = max_t x_tj` (the gradient goes to the first position holding the maximum).
    case max
}

extension Variable {
    /// Pools a padded batch `[batch, time, features]` over time, using only the first `lengths[b]`
    /// positions of sequence `b`: the result is `[batch, features]` (zeros for an empty sequence).
    /// Padding positions never influence the result and get zero gradient.
    /// VJP: sum — `dx_t = dy`; mean — `dx_t = dy / n`; max — `dy` at each coordinate's argmax.
    public func pooled(_ mode: SequencePooling, lengths: [Int]) -> Variable {
        let x = value
        precondition(x.rank == 3, "pooling input of shape \(x.shape), expected [batch, time, features]")
        let (batch, time, features) = (x.shape[0], x.shape[1], x.shape[2])
        precondition(lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                     "lengths \(lengths) for a batch of \(batch) × \(time)")
        var output = Tensor.zeros([batch, features])
        // For max: the flat input offset each output coordinate came from.
        var argmax = mode == .max ? [Int](repeating: -1, count: batch * features) : []
        x.withUnsafeBufferPointer { px in
            output.withUnsafeMutableBufferPointer { py in
                for s in 0..<batch where lengths[s] > 0 {
                    let row = py.baseAddress! + s * features
                    let first = px.baseAddress! + s * time * features
                    switch mode {
                    case .sum, .mean:
                        for t in 0..<lengths[s] { VectorMath.add(first + t * features, into: row, count: features) }
                        if mode == .mean {
                            let scale = 1 / Float(lengths[s])
                            for j in 0..<features { row[j] *= scale }
                        }
                    case .max:
                        for j in 0..<features {
                            var best = s * time * features + j
                            for t in 1..<lengths[s] where px[(s * time + t) * features + j] > px[best] {
                                best = (s * time + t) * features + j
                            }
                            argmax[s * features + j] = best
                            row[j] = px[best]
                        }
                    }
                }
            }
        }
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            dy.withUnsafeBufferPointer { g in
                context.accumulateGradient(ofInput: 0) { dx in
                    switch mode {
                    case .sum, .mean:
                        for s in 0..<batch where lengths[s] > 0 {
                            let scale: Float = mode == .mean ? 1 / Float(lengths[s]) : 1
                            for t in 0..<lengths[s] {
                                VectorMath.add(scale, times: g.baseAddress! + s * features,
                                               into: dx.baseAddress! + (s * time + t) * features, count: features)
                            }
                        }
                    case .max:
                        for (index, source) in argmax.enumerated() where source >= 0 { dx[source] += g[index] }
                    }
                }
            }
        }
    }
}
