import CBLAS

/// The one place TagKit calls BLAS. Everything else multiplies matrices through `Gemm`.
///
/// Matrices are row-major Float32. Weights are stored `[out, in]` and multiplied transposed
/// (`C = X · Wᵀ`), which OpenBLAS runs at least as fast as the plain product on every shape
/// measured here and 2.7× faster for a single row (see PLATFORM.md).
public enum Gemm {
    /// `C[m×n] = alpha · op(A) · op(B) + beta · C`, where `op(A)` is `A[m×k]` or, if `transposeA`,
    /// the transpose of `A[k×m]`; likewise `op(B)` is `B[k×n]` or the transpose of `B[n×k]`.
    /// `lda`, `ldb`, `ldc` are the row strides in elements of the matrices as stored.
    @inlinable
    public static func multiply(
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
        beta: Float = 0,
        into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// The number of threads BLAS uses (OpenBLAS). Tests run at 1; benchmarks set it to the core count.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// The CPU kernel family BLAS chose at load time (OpenBLAS's core name, e.g. `Haswell` or
    /// `SkylakeX`). OpenBLAS 0.3.21 picks `Haswell` (AVX2) on AMD Zen 4; `OPENBLAS_CORETYPE=SkylakeX` in
    /// the environment selects its AVX-512 kernels, which run the small recurrent products up to 1.8× faster.
    public static var kernelName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
