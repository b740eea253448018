#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKitTensor

/// Loss functions of the lecture; each returns a scalar (shape `[]`) averaged over examples.

/// Squared error `mean((y − y')²)` over all elements; `target` has the prediction's shape.
public func meanSquaredError(_ prediction: Variable, target: Tensor) -> Variable {
    (prediction - prediction.tape.constant(target)).squared().mean()
}

/// Binary cross-entropy `−mean(y ln y' + (1 − y) ln(1 − y'))` of probabilities `y' ∈ (0, 1)`
/// against targets `y ∈ [0, 1]` of the same shape. Composed of `log`; prefer
/// `binaryCrossEntropy(logits:targets:)`, which is stable when `y'` saturates.
public func binaryCrossEntropy(probabilities: Variable, targets: Tensor) -> Variable {
    let tape = probabilities.tape
    let y = tape.constant(targets)
    let oneMinusY = tape.constant(Tensor(shape: targets.shape, generating: { 1 - targets.scalars[$0] }))
    let likelihood = y * probabilities.log() + oneMinusY * (1 - probabilities).log()
    return -1 * likelihood.mean()
}

/// Binary cross-entropy of `σ(x)` against targets `y`, from logits `x`, computed stably as
/// `mean(max(x, 0) − x·y + ln(1 + e^{−|x|}))`. VJP: `dx = (σ(x) − y) / count`.
public func binaryCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
    let x = logits.value
    precondition(x.shape == targets.shape, "logits \(x.shape) against targets \(targets.shape)")
    var total = 0.0
    x.withUnsafeBufferPointer { px in
        targets.withUnsafeBufferPointer { py in
            for i in px.indices {
                let v = Double(px[i])
                total += max(v, 0) - v * Double(py[i]) + softplusOfNegative(-Swift.abs(v))
            }
        }
    }
    let count = Float(x.count)
    return logits.tape.record(inputs: [logits], output: Tensor(scalar: Float(total / Double(x.count)))) { context in
        let g = context.outputGradient(0).scalar / count
        context.accumulateGradient(ofInput: 0) { dx in
            x.withUnsafeBufferPointer { px in
                targets.withUnsafeBufferPointer { py in
                    for i in dx.indices {
                        let sigmoid = Activation.sigmoid.apply(px[i])
                        dx[i] += g * (sigmoid - py[i])
                    }
                }
            }
        }
    }
}

/// `ln(1 + e^{v})` for `v ≤ 0`.
private func softplusOfNegative(_ v: Double) -> Double { log1p(exp(v)) }

/// Negative log-likelihood `−(1/N) Σ_i lp[i, labels[i]]` of log-probabilities `lp` (`[N, C]`)
/// over the N' rows whose label is not negative (a negative label marks padding: that row gets
/// zero gradient and does not count). VJP: `−dy / N'` at each labelled entry.
public func negativeLogLikelihood(_ logProbabilities: Variable, labels: [Int]) -> Variable {
    let lp = logProbabilities.value
    let classes = lp.columnCount
    precondition(lp.rowCount == labels.count, "\(labels.count) labels for \(lp.rowCount) rows")
    var total = 0.0
    var counted = 0
    lp.withUnsafeBufferPointer { p in
        for (row, label) in labels.enumerated() where label >= 0 {
            precondition(label < classes, "label \(label) of \(classes) classes")
            total -= Double(p[row * classes + label])
            counted += 1
        }
    }
    let denominator = Float(max(counted, 1))
    return logProbabilities.tape.record(inputs: [logProbabilities],
                                        output: Tensor(scalar: Float(total) / denominator)) { context in
        let g = context.outputGradient(0).scalar / denominator
        context.accumulateGradient(ofInput: 0) { dx in
            for (row, label) in labels.enumerated() where label >= 0 { dx[row * classes + label] -= g }
        }
    }
}

/// Categorical cross-entropy `−(1/N) Σ_i ln softmax(x_i)[labels[i]]` from logits `[N, C]`,
/// composed as `negativeLogLikelihood(logSoftmax(x))`, so it is stable for any logits.
/// Negative labels mark padding rows (zero gradient, not counted).
public func crossEntropy(logits: Variable, labels: [Int]) -> Variable {
    negativeLogLikelihood(logits.logSoftmax(), labels: labels)
}

/// Categorical cross-entropy `−(1/N) Σ_i Σ_j y_ij ln softmax(x_i)_j` against target
/// distributions `y` (`[N, C]`, rows summing to 1), from logits `x` of the same shape.
public func crossEntropy(logits: Variable, targetDistributions: Tensor) -> Variable {
    precondition(logits.shape == targetDistributions.shape,
                 "logits \(logits.shape) against targets \(targetDistributions.shape)")
    let rows = Float(logits.value.rowCount)
    return (-1 / rows) * (logits.tape.constant(targetDistributions) * logits.logSoftmax()).sum()
}
