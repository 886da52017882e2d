import COpenBLAS
import Dispatch

/// Row-major single-precision matrix product through OpenBLAS:
/// C[m×n] = alpha · op(A) · op(B) + beta · C, where op(A) is m×k and op(B) is k×n.
/// Every matrix product in the project goes through here. In a thread whose `ProductPrecision`
/// is `.bfloat16`, on a CPU with AVX-512 BF16, the products run on bf16-rounded inputs with fp32
/// sums instead (`BFloat16GEMM`).
public enum GEMM {
    /// OpenBLAS runs every call on the calling thread; a product large enough to split is split
    /// here, over the calling thread's core budget (`Parallel.with(cores:)`). OpenBLAS's own
    /// thread count is one setting for the whole process, so letting it split would let one
    /// thread's choice (a decoding worker wanting one core) change what another thread gets.
    /// Set once, before the first OpenBLAS or LAPACK call of the process, and never changed:
    /// every caller of OpenBLAS outside this file (the orthogonal initializer's LAPACK calls)
    /// calls `confineOpenBLASToCallingThread()` first. A LAPACK call made while OpenBLAS still
    /// ran its own threads rounds differently, so the first model built in a process used to
    /// start from other weights than every later one.
    private static let openBLASOnCallingThread: Void = openblas_set_num_threads(1)

    /// Makes OpenBLAS (and the LAPACK routines built on it) run on the calling thread.
    @inline(__always)
    public static func confineOpenBLASToCallingThread() { _ = openBLASOnCallingThread }

    /// Below this many multiply-adds (m·n·k) a product runs on one core: a 64×512×64 product
    /// takes about as long as handing half of it to another thread.
    public static let splitThreshold = 1 << 21

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
        confineOpenBLASToCallingThread()
        let lda = lda ?? (transposeA ? m : k), ldb = ldb ?? (transposeB ? k : n), ldc = ldc ?? n
        let cores = Parallel.coreBudget
        // Read on the calling thread: the blocks below run on other threads.
        let precision = ProductPrecision.effective
        guard cores > 1, m * n * k >= splitThreshold, max(m, n) >= 2 * blockAlignment else {
            product(precision, a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb,
                    into: c, ldc: ldc, m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        // Split the longer side of C into one block per core: each block re-packs the whole of
        // the other operand, so the operand re-packed is the smaller one.
        let splitColumns = n >= m
        let length = splitColumns ? n : m
        let blocks = min(cores, length / blockAlignment)
        let size = (length / blocks + blockAlignment - 1) / blockAlignment * blockAlignment
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let start = block * size
            let count = min(length, start + size) - start
            guard count > 0 else { return }
            if splitColumns {  // C[:, start..<start+count] = op(A) · op(B)[:, start…]
                product(precision, a, transposeA: transposeA, lda: lda,
                        b + (transposeB ? start * ldb : start), transposeB: transposeB, ldb: ldb,
                        into: c + start, ldc: ldc, m: m, n: count, k: k, alpha: alpha, beta: beta)
            } else {           // C[start…, :] = op(A)[start…, :] · op(B)
                product(precision, a + (transposeA ? start : start * lda), transposeA: transposeA, lda: lda,
                        b, transposeB: transposeB, ldb: ldb,
                        into: c + start * ldc, ldc: ldc, m: count, n: n, k: k, alpha: alpha, beta: beta)
            }
        }
    }

    /// Calls `body(begin, end)` on column ranges covering 0..<n: one range, or, for a product
    /// worth splitting (as `multiply` decides), one per core of this thread's budget, each
    /// starting at a multiple of 64 (the panels of the int8 and packed float kernels). For the
    /// kernels on pre-packed weights, whose callers split the output columns themselves.
    static func forEachColumnRange(m: Int, n: Int, k: Int, _ body: (Int, Int) -> Void) {
        let panel = 64
        let cores = Parallel.coreBudget
        let panels = (n + panel - 1) / panel
        guard cores > 1, m * n * k >= splitThreshold, panels >= 2 else {
            body(0, n)
            return
        }
        let parts = min(cores, panels)
        let size = (panels + parts - 1) / parts * panel
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let begin = part * size, end = min(n, begin + size)
            if begin < end { body(begin, end) }
        }
    }

    /// Blocks of a split product start at multiples of this (the kernels' register tile).
    static let blockAlignment = 16

    /// One block of a product on the calling thread, in `precision` (`ProductPrecision.effective`
    /// of the thread that asked for the product).
    @inline(__always)
    private static func product(
        _ precision: ProductPrecision,
        _ a: UnsafePointer<Float>, transposeA: Bool, lda: Int,
        _ b: UnsafePointer<Float>, transposeB: Bool, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        m: Int, n: Int, k: Int, alpha: Float, beta: Float
    ) {
        switch precision {
        case .float32:
            sgemm(a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb,
                  into: c, ldc: ldc, m: m, n: n, k: k, alpha: alpha, beta: beta)
        case .bfloat16:
            BFloat16GEMM.multiply(a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb,
                                  into: c, ldc: ldc, m: m, n: n, k: k, alpha: alpha, beta: beta)
        }
    }

    @inline(__always)
    private static func sgemm(
        _ a: UnsafePointer<Float>, transposeA: Bool, lda: Int,
        _ b: UnsafePointer<Float>, transposeB: Bool, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        m: Int, n: Int, k: Int, alpha: Float, beta: Float
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
