import COpenBLAS

/// Row-major single-precision matrix product through OpenBLAS:
/// C[m×n] = alpha · op(A) · op(B) + beta · C, where op(A) is m×k and op(B) is k×n.
/// Every matrix product in the project goes through here.
public enum GEMM {
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // No terms: C = beta·C. OpenBLAS handles this too, but not every build does.
            if beta == 0 { c.update(repeating: 0, count: m * n) } else if beta != 1 {
                for i in 0..<(m * n) { c[i] *= beta }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda ?? (transposeA ? m : k)),
            b, Int32(ldb ?? (transposeB ? k : n)),
            beta, c, Int32(ldc ?? n))
    }
}
