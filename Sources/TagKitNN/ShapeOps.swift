import TagKitTensor

extension Variable {
    /// The same values with another shape of equal element count. VJP: the gradient reshaped back.
    public func reshaped(_ shape: [Int]) -> Variable {
        let inputShape = self.shape
        return tape.record(inputs: [self], output: value.reshaped(shape)) { context in
            context.accumulateGradient(context.outputGradient(0).reshaped(inputShape), ofInput: 0)
        }
    }

    /// Columns `range` of the last axis: `[…, n]` → `[…, range.count]`.
    /// VJP: the gradient scattered back into those columns.
    public func slice(columns range: Range<Int>) -> Variable {
        let columns = value.columnCount
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "columns \(range) of \(columns)")
        let width = range.count, rows = value.rowCount
        var output = Tensor.zeros(Array(shape.dropLast()) + [width])
        value.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for row in 0..<rows {
                    (y.baseAddress! + row * width).update(from: x.baseAddress! + row * columns + range.lowerBound, count: width)
                }
            }
        }
        return tape.record(inputs: [self], output: output) { context in
            let dy = context.outputGradient(0)
            dy.withUnsafeBufferPointer { g in
                context.accumulateGradient(ofInput: 0) { dx in
                    for row in 0..<rows {
                        VectorMath.add(g.baseAddress! + row * width,
                                       into: dx.baseAddress! + row * columns + range.lowerBound, count: width)
                    }
                }
            }
        }
    }

    /// Rows `indices[k]` of `self` read as `[rowCount, columns]`, stacked: `[indices.count, columns]`.
    /// VJP: row k of the gradient is added to row `indices[k]` (rows not gathered get nothing).
    public func gatherRows(_ indices: [Int]) -> Variable {
        let columns = value.columnCount, rows = value.rowCount
        var output = Tensor.zeros([indices.count, columns])
        value.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for (k, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rows, "row \(index) of \(rows)")
                    (y.baseAddress! + k * columns).update(from: x.baseAddress! + index * columns, count: columns)
                }
            }
        }
        return tape.record(inputs: [self], output: output) { context in
            context.accumulateGradientRows(indices, from: context.outputGradient(0), ofInput: 0)
        }
    }

    /// The sum of all elements, shape `[]`. VJP: `dx = dy` broadcast.
    public func sum() -> Variable {
        let total = value.withUnsafeBufferPointer { Double(VectorMath.sum($0.baseAddress!, count: $0.count)) }
        return tape.record(inputs: [self], output: Tensor(scalar: Float(total))) { context in
            let g = context.outputGradient(0).scalar
            context.accumulateGradient(ofInput: 0) { dx in
                for i in dx.indices { dx[i] += g }
            }
        }
    }

    /// The mean of all elements, shape `[]` (`sum() / count`).
    public func mean() -> Variable {
        (1 / Float(value.count)) * sum()
    }
}

/// Joins variables along the last axis: shapes `[…, n_i]` with equal leading dimensions give
/// `[…, Σ n_i]`. VJP: each input gets its columns of the gradient.
public func concatenate(_ parts: [Variable]) -> Variable {
    precondition(!parts.isEmpty, "concatenate of nothing")
    let leading = Array(parts[0].shape.dropLast())
    for part in parts { precondition(Array(part.shape.dropLast()) == leading, "concatenate of shapes \(parts.map(\.shape))") }
    let widths = parts.map { $0.value.columnCount }
    let total = widths.reduce(0, +)
    let rows = parts[0].value.rowCount
    var output = Tensor.zeros(leading + [total])
    output.withUnsafeMutableBufferPointer { y in
        var start = 0
        for (part, width) in zip(parts, widths) {
            part.value.withUnsafeBufferPointer { x in
                for row in 0..<rows {
                    (y.baseAddress! + row * total + start).update(from: x.baseAddress! + row * width, count: width)
                }
            }
            start += width
        }
    }
    return parts[0].tape.record(inputs: parts, output: output) { context in
        let dy = context.outputGradient(0)
        dy.withUnsafeBufferPointer { g in
            var start = 0
            for (i, width) in widths.enumerated() {
                if context.needsGradient(ofInput: i) {
                    context.accumulateGradient(ofInput: i) { dx in
                        for row in 0..<rows {
                            VectorMath.add(g.baseAddress! + row * total + start, into: dx.baseAddress! + row * width, count: width)
                        }
                    }
                }
                start += width
            }
        }
    }
}
