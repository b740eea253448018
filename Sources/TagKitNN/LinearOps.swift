import TagKitTensor

/// The matrix product `a · b` (or `a · bᵀ`), through `Gemm`.
///
/// `a` is read as a matrix `[m, k]` of its leading dimensions flattened (`[batch, time, k]` works
/// row by row); `b` is `[k, n]`, or `[n, k]` when `transposeB` (a weight stored `[out, in]`).
/// The result has `a`'s leading dimensions and `n` columns.
/// VJPs: for `c = a · bᵀ`: `da = dc · b`, `db = dcᵀ · a`; for `c = a · b`: `da = dc · bᵀ`, `db = aᵀ · dc`.
public func matmul(_ a: Variable, _ b: Variable, transposeB: Bool = false) -> Variable {
    precondition(b.shape.count == 2, "matmul needs a matrix on the right, got shape \(b.shape)")
    let (va, vb) = (a.value, b.value)
    let k = va.columnCount, m = va.rowCount
    let n = transposeB ? vb.shape[0] : vb.shape[1]
    precondition((transposeB ? vb.shape[1] : vb.shape[0]) == k,
                 "matmul of shapes \(va.shape) and \(vb.shape)\(transposeB ? "ᵀ" : "")")
    var output = Tensor.zeros(Array(va.shape.dropLast()) + [n])
    va.withUnsafeBufferPointer { pa in
        vb.withUnsafeBufferPointer { pb in
            output.withUnsafeMutableBufferPointer { pc in
                Gemm.multiply(m: m, n: n, k: k, pa.baseAddress!, lda: k,
                              pb.baseAddress!, ldb: transposeB ? k : n, transposeB: transposeB,
                              into: pc.baseAddress!, ldc: n)
            }
        }
    }
    return a.tape.record(inputs: [a, b], output: output) { context in
        let dc = context.outputGradient(0)
        dc.withUnsafeBufferPointer { pdc in
            if context.needsGradient(ofInput: 0) {
                vb.withUnsafeBufferPointer { pb in
                    context.accumulateGradient(ofInput: 0) { da in
                        // da[m,k] += dc[m,n] · (b[n,k] or b[k,n]ᵀ)
                        Gemm.multiply(m: m, n: k, k: n, pdc.baseAddress!, lda: n,
                                      pb.baseAddress!, ldb: transposeB ? k : n, transposeB: !transposeB,
                                      beta: 1, into: da.baseAddress!, ldc: k)
                    }
                }
            }
            if context.needsGradient(ofInput: 1) {
                va.withUnsafeBufferPointer { pa in
                    context.accumulateGradient(ofInput: 1) { db in
                        if transposeB {
                            // db[n,k] += dc[m,n]ᵀ · a[m,k]
                            Gemm.multiply(m: n, n: k, k: m, pdc.baseAddress!, lda: n, transposeA: true,
                                          pa.baseAddress!, ldb: k, beta: 1, into: db.baseAddress!, ldc: k)
                        } else {
                            // db[k,n] += a[m,k]ᵀ · dc[m,n]
                            Gemm.multiply(m: k, n: n, k: m, pa.baseAddress!, lda: k, transposeA: true,
                                          pdc.baseAddress!, ldb: n, beta: 1, into: db.baseAddress!, ldc: n)
                        }
                    }
                }
            }
        }
    }
}

/// `x + b` with the vector `b` (`[n]`) added to every row of `x` (`[…, n]`).
/// VJP: `dx = dy`, `db = Σ_rows dy`.
public func addBias(_ x: Variable, _ bias: Variable) -> Variable {
    let columns = x.value.columnCount
    precondition(bias.shape == [columns], "bias of shape \(bias.shape) for rows of \(columns)")
    var output = x.value
    let rows = output.rowCount
    let vb = bias.value
    vb.withUnsafeBufferPointer { pb in
        output.withUnsafeMutableBufferPointer { py in
            for row in 0..<rows {
                VectorMath.add(pb.baseAddress!, into: py.baseAddress! + row * columns, count: columns)
            }
        }
    }
    return x.tape.record(inputs: [x, bias], output: output) { context in
        let dy = context.outputGradient(0)
        if context.needsGradient(ofInput: 0) { context.accumulateGradient(dy, ofInput: 0) }
        if context.needsGradient(ofInput: 1) {
            dy.withUnsafeBufferPointer { g in
                context.accumulateGradient(ofInput: 1) { db in
                    for row in 0..<dy.rowCount {
                        VectorMath.add(g.baseAddress! + row * columns, into: db.baseAddress!, count: columns)
                    }
                }
            }
        }
    }
}

/// The fully connected map `y = x · Wᵀ + b` for a weight `W` stored `[out, in]` and a bias `[out]`;
/// `x` is `[…, in]`, `y` is `[…, out]`. Composed of `matmul` and `addBias`.
public func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
    let product = matmul(x, weight, transposeB: true)
    return bias.map { addBias(product, $0) } ?? product
}
