import CBFloat16Kernels

/// Row-major C[m×n] = alpha · op(A) · op(B) + beta · C with every element of op(A) and op(B)
/// rounded to bf16 (to nearest, ties to even) and the products summed in fp32: our own AVX-512
/// BF16 kernel (`vdpbf16ps`, CBFloat16Kernels.h), on the calling thread. The operands stay fp32
/// in memory; each call packs them into bf16 in the calling thread's scratch (`ThreadScratch`, at
/// most about 1 MiB here), so no call allocates once the thread is warm.
///
/// `GEMM.multiply` sends its products here when the thread's `ProductPrecision` is `.bfloat16`
/// and the CPU has the instructions; call it directly only when `isSupported`.
public enum BFloat16GEMM {
    /// Whether this CPU has AVX-512 F, BW, VL and BF16 and the operating system saves the zmm
    /// registers (cpuid, xgetbv), decided once.
    public static let isSupported: Bool = nmt_bf16_supported() != 0

    /// C = alpha · op(A) · op(B) + beta · C on bf16-rounded inputs, fp32 sums. The arguments are
    /// cblas_sgemm's (row-major, leading dimensions ≥ the rows' widths); beta = 0 never reads C.
    /// The CPU must support the kernel (`isSupported`).
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool, lda: Int,
        _ b: UnsafePointer<Float>, transposeB: Bool, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        precondition(isSupported, "BFloat16GEMM.multiply on a CPU without AVX-512 BF16")
        let scratch = ThreadScratch.current.reserve(nmt_bf16_workspace_bytes(Int32(m), Int32(n), Int32(k)))
        nmt_bf16_gemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                      a, lda, b, ldb, beta, c, ldc, scratch)
    }

    /// bf16(x) as a Float: the value the kernel multiplies in place of x (portable, any CPU).
    public static func rounded(_ x: Float) -> Float {
        Float(bitPattern: UInt32(nmt_bf16_round(x)) << 16)
    }

    /// The kernel's formula in portable C, on any CPU: each output's products summed in fp32 in
    /// input order, then alpha · sum (+ beta · C). For checking the kernel.
    public static func reference(
        _ a: UnsafePointer<Float>, transposeA: Bool, lda: Int,
        _ b: UnsafePointer<Float>, transposeB: Bool, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        nmt_bf16_gemm_reference(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                                a, lda, b, ldb, beta, c, ldc)
    }
}
