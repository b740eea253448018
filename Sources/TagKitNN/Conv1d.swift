import TagKitTensor

/// Convolution over a padded batch of sequences followed by max-pooling over time, fused into one
/// op with a hand-written backward pass (im2col + one `sgemm` forward; the backward pass touches only
/// the winning positions).
///
/// `x` is `[batch, time, inputSize]`; sequence `b` occupies its first `lengths[b]` positions, the
/// rest is padding. The window of position `t` is `C_t = [x_{t−l} … x_{t−l+width−1}]` with
/// `l = (width − 1) / 2` (centred, "same" padding); positions outside `0..<lengths[b]` read as
/// zeros. With `weight` `W` `[filters, width · inputSize]` and `bias` `[filters]`:
/// `h_{t} = g(W C_t + b)` and the result is `z_b = max_{t < lengths[b]} h_{t}`, shape
/// `[batch, filters]` (zeros for an empty sequence). `g` must be non-decreasing (every
/// `Activation` is), so `max_t g(a_t) = g(max_t a_t)`.
///
/// Padding never influences the result, and receives zero gradient.
public func convolutionMaxPool(_ x: Variable, lengths: [Int], weight: Variable, bias: Variable,
                               width: Int, activation: Activation) -> Variable {
    let input = x.value, w = weight.value, b = bias.value
    precondition(input.rank == 3, "convolution input of shape \(input.shape), expected [batch, time, features]")
    let (batch, time, features) = (input.shape[0], input.shape[1], input.shape[2])
    let filters = w.shape[0], window = width * features
    precondition(w.shape == [filters, window] && b.shape == [filters],
                 "convolution weight \(w.shape), bias \(b.shape) for width \(width) over \(features) features")
    precondition(lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                 "lengths \(lengths) for a batch of \(batch) × \(time)")
    let left = (width - 1) / 2

    // im2col: row (b·time + t) holds the window of position t of sequence b.
    var columns = Tensor.zeros([batch * time, window])
    input.withUnsafeBufferPointer { px in
        columns.withUnsafeMutableBufferPointer { pc in
            for s in 0..<batch {
                for t in 0..<lengths[s] {
                    for j in 0..<width {
                        let source = t - left + j
                        guard source >= 0 && source < lengths[s] else { continue }
                        (pc.baseAddress! + (s * time + t) * window + j * features)
                            .update(from: px.baseAddress! + (s * time + source) * features, count: features)
                    }
                }
            }
        }
    }
    var scores = Tensor.zeros([batch * time, filters])
    columns.withUnsafeBufferPointer { pc in
        w.withUnsafeBufferPointer { pw in
            scores.withUnsafeMutableBufferPointer { ps in
                Gemm.multiply(m: batch * time, n: filters, k: window, pc.baseAddress!, lda: window,
                              pw.baseAddress!, ldb: window, transposeB: true, into: ps.baseAddress!, ldc: filters)
            }
        }
    }
    // Max over the valid positions; `argmax[s·filters + f]` is the winning row, -1 when empty.
    var argmax = [Int](repeating: -1, count: batch * filters)
    var pooled = Tensor.zeros([batch, filters])
    scores.withUnsafeBufferPointer { ps in
        b.withUnsafeBufferPointer { pb in
            pooled.withUnsafeMutableBufferPointer { py in
                for s in 0..<batch where lengths[s] > 0 {
                    for f in 0..<filters {
                        var best = s * time, bestScore = ps[s * time * filters + f]
                        for t in 1..<lengths[s] where ps[(s * time + t) * filters + f] > bestScore {
                            best = s * time + t
                            bestScore = ps[best * filters + f]
                        }
                        argmax[s * filters + f] = best
                        py[s * filters + f] = activation.apply(bestScore + pb[f])
                    }
                }
            }
        }
    }
    let output = pooled
    return x.tape.record(inputs: [x, weight, bias], output: output) { context in
        let dy = context.outputGradient(0)
        // ∂L/∂scores is zero except at each (sequence, filter)'s winning position, so the two products
        // of the backward pass touch only those rows: dW[f] += δ · C_win and dC_win += δ · W[f], at
        // batch · filters · window multiply-adds instead of batch · time · filters · window.
        var deltas = [Float](repeating: 0, count: batch * filters)
        var dBias = Tensor.zeros([filters])
        dy.withUnsafeBufferPointer { g in
            output.withUnsafeBufferPointer { y in
                dBias.withUnsafeMutableBufferPointer { db in
                    for index in 0..<batch * filters where argmax[index] >= 0 {
                        let delta = g[index] * activation.derivative(output: y[index])
                        deltas[index] = delta
                        db[index % filters] += delta
                    }
                }
            }
        }
        if context.needsGradient(ofInput: 2) { context.accumulateGradient(dBias, ofInput: 2) }
        if context.needsGradient(ofInput: 1) {
            columns.withUnsafeBufferPointer { pc in
                context.accumulateGradient(ofInput: 1) { dw in
                    for index in 0..<batch * filters where argmax[index] >= 0 && deltas[index] != 0 {
                        VectorMath.add(deltas[index], times: pc.baseAddress! + argmax[index] * window,
                                       into: dw.baseAddress! + (index % filters) * window, count: window)
                    }
                }
            }
        }
        guard context.needsGradient(ofInput: 0) else { return }
        // dC for the winning rows only, then col2im: each window slot adds back into the position it was read from.
        var dColumns = [Float](repeating: 0, count: batch * time * window)
        var rowHasGradient = [Bool](repeating: false, count: batch * time)
        w.withUnsafeBufferPointer { pw in
            dColumns.withUnsafeMutableBufferPointer { dc in
                for index in 0..<batch * filters where argmax[index] >= 0 && deltas[index] != 0 {
                    rowHasGradient[argmax[index]] = true
                    VectorMath.add(deltas[index], times: pw.baseAddress! + (index % filters) * window,
                                   into: dc.baseAddress! + argmax[index] * window, count: window)
                }
            }
        }
        dColumns.withUnsafeBufferPointer { dc in
            context.accumulateGradient(ofInput: 0) { dx in
                for s in 0..<batch {
                    for t in 0..<lengths[s] where rowHasGradient[s * time + t] {
                        for j in 0..<width {
                            let source = t - left + j
                            guard source >= 0 && source < lengths[s] else { continue }
                            VectorMath.add(dc.baseAddress! + (s * time + t) * window + j * features,
                                           into: dx.baseAddress! + (s * time + source) * features, count: features)
                        }
                    }
                }
            }
        }
    }
}

/// A bank of 1-D convolutions of several widths over padded sequences, each max-pooled over
/// time, concatenated (Kim, 2014; the lecture's n-gram filters `z_i = F C_i` and `z_j = max_i h_ij`).
///
/// - Input: `[batch, time, inputSize]` and the true `lengths` (positions past a length are padding
///   and get zero gradient). Output: `[batch, widths.count · filters]`, widths in the given order.
/// - Parameters, per width `k`: `weight` `[filters, k · inputSize]` (window positions in order,
///   each `inputSize` long), `bias` `[filters]`; named `name.k.weight`, `name.k.bias`.
/// - Initialisation: weights `U(±initialBound)` if given, else Glorot uniform over fan-in `k · inputSize`
///   and fan-out `filters`; bias 0.
/// - Each width is one `convolutionMaxPool` (im2col + one sgemm), activation `g` (ReLU by default).
public final class Conv1d: Layer {
    /// The window widths, one convolution each, in output order.
    public let widths: [Int]
    /// Per width `k`: `[filters, k · inputSize]`.
    public let weights: [Parameter]
    /// Per width: `[filters]`.
    public let biases: [Parameter]
    /// `g`, applied before pooling.
    public let activation: Activation

    /// Weight then bias, width by width.
    public var parameters: [Parameter] { zip(weights, biases).flatMap { [$0, $1] } }

    /// A bank with zero biases and weights `U(±initialBound)`, or Glorot uniform when `initialBound` is nil.
    public init(name: String = "conv", inputSize: Int, filters: Int, widths: [Int],
                activation: Activation = .relu, initialBound: Float? = nil, generator: inout SeededGenerator) {
        precondition(!widths.isEmpty && widths.allSatisfy { $0 > 0 } && Set(widths).count == widths.count,
                     "convolution widths \(widths): distinct and positive")
        self.widths = widths
        self.activation = activation
        weights = widths.map { k in
            Parameter(name: "\(name).\(k).weight",
                      value: initialBound.map { Tensor.uniform([filters, k * inputSize], lower: -$0, upper: $0, using: &generator) }
                          ?? Tensor.glorotUniform([filters, k * inputSize], using: &generator))
        }
        biases = widths.map { k in Parameter(name: "\(name).\(k).bias", value: Tensor.zeros([filters])) }
    }

    /// The pooled features `[batch, widths.count · filters]`.
    public func callAsFunction(_ x: Variable, lengths: [Int]) -> Variable {
        let tape = x.tape
        let parts = widths.indices.map { i in
            convolutionMaxPool(x, lengths: lengths, weight: tape.parameter(weights[i]),
                               bias: tape.parameter(biases[i]), width: widths[i], activation: activation)
        }
        return parts.count == 1 ? parts[0] : concatenate(parts)
    }
}
