import CBFloat16Kernels
import CFloatKernels

/// y = init + x·W for a packed weight W (`PackedWeight`), as decoding runs every product with a
/// weight: init is y itself when accumulating, else the bias (or zeros). By a float32 weight, one
/// fused multiply-add chain per output over the inputs in order, on every path (CFloatKernels.h);
/// by a bf16 weight, x's inputs rounded to bf16 too and summed in fp32 pair by pair as
/// `vdpbf16ps` adds (CBFloat16Kernels.h), x rounded into the calling thread's scratch
/// (`ThreadScratch`). Either way a row's result does not depend on the rows beside it.
/// x: [m, k] → y: [m, n], n = the weight's output units.
public enum PackedProduct {
    /// The float32 kernels' instruction sets; every path gives the same floats. (A bf16 weight has
    /// one kernel, AVX-512 BF16, whatever the path.)
    public enum Path: CaseIterable, Sendable, CustomStringConvertible {
        case scalar, avx2, avx512

        var kernel: nmt_float_path {
            switch self {
            case .scalar: NMT_FLOAT_SCALAR
            case .avx2: NMT_FLOAT_AVX2
            case .avx512: NMT_FLOAT_AVX512
            }
        }

        /// Whether this CPU runs the path (cpuid, and the OS saving the registers).
        public var isSupported: Bool { nmt_float_path_supported(kernel) != 0 }

        public var description: String {
            switch self {
            case .scalar: "scalar"
            case .avx2: "AVX2"
            case .avx512: "AVX-512"
            }
        }

        /// The fastest path this CPU runs, decided once.
        public static let best: Path = Path.allCases.last { $0.isSupported } ?? .scalar
    }

    /// From this many rows of x on, decoding (`Tensor.packedForm`) and the recurrent steps of
    /// training (`DeferredWeightGradient`) multiply by the float weights through OpenBLAS instead
    /// of a float32 packed weight (a bf16 one is multiplied by at any number of rows):
    /// on a large product its kernel, packing included, is the faster one; below, packing once
    /// pays (greedy search, the last steps of a beam search, a server's small batches, the
    /// recurrent steps of training). Where the two cross depends on OpenBLAS's kernel and on
    /// ours, so the limit follows the kernel this process loaded and the packed path
    /// (`rowLimit(forKernel:path:)`), decided once.
    public static let rowLimit = rowLimit(forKernel: BLASKernel.loadedCore, path: .best)

    /// The row limit for an OpenBLAS kernel (`BLASKernel.loadedCore`'s name) and our packed path.
    /// 128 rows in general: from about there a strong sgemm kernel (SkylakeX on an Intel AVX-512
    /// CPU), packing both operands included, outruns the packed kernel. 1024 rows where OpenBLAS
    /// runs an AMD Zen 4 or Zen 5: Cooperlake (OpenBLAS's choice) or Haswell under the AVX-512
    /// packed path (nmt's choice on Zen 4, `BLASKernel.choose`), whose sgemm stays behind the
    /// packed kernel at every size `nmt-bench core`, part (c), measures: there only a product
    /// whose x no longer fits in L2 (1024 rows of 256 floats are 1 MiB), read again for every
    /// panel of 64 units, goes to OpenBLAS. Figures: docs/results.md.
    static func rowLimit(forKernel kernel: String, path: Path) -> Int {
        switch kernel {
        case "Cooperlake": 1024
        case "Haswell" where path == .avx512: 1024
        default: 128
        }
    }

    /// y[i·n + j] = (accumulate ? y[i·n + j] : bias?[j] ?? 0) + Σ_p x[i, p] · W[p → j].
    public static func multiply(_ x: Tensor, by weight: PackedWeight, bias: Tensor? = nil,
                                into y: UnsafeMutablePointer<Float>, accumulate: Bool, path: Path = .best) {
        precondition(x.columns == weight.inputCount, "packed product of \(x.shape) with \(weight.inputCount) inputs per unit")
        precondition(bias.map { $0.count == weight.unitCount } ?? true, "a bias of \(bias?.count ?? 0) for \(weight.unitCount) units")
        multiply(x.data, rows: x.rows, by: weight, bias: bias?.data, into: y, accumulate: accumulate, path: path)
    }

    /// The same for x given as m rows of k floats (a gradient buffer); bias: n floats or nil.
    public static func multiply(_ x: UnsafePointer<Float>, rows m: Int, by weight: PackedWeight, bias: UnsafePointer<Float>? = nil,
                                into y: UnsafeMutablePointer<Float>, accumulate: Bool, path: Path = .best) {
        let k = weight.inputCount, n = weight.unitCount
        guard m > 0, n > 0 else { return }
        GEMM.forEachColumnRange(m: m, n: n, k: k) { begin, end in
            multiply(x, ldx: k, rows: m, by: weight, bias: bias, columns: begin..<end, into: y, ldy: n,
                     accumulate: accumulate, path: path)
        }
    }

    /// y[i·ldy + j] for j in `columns` only (its lower bound a multiple of 16), on the calling
    /// thread: one call of the weight's kernel, x and y m rows apart by ldx and ldy.
    static func multiply(_ x: UnsafePointer<Float>, ldx: Int, rows m: Int, by weight: PackedWeight, bias: UnsafePointer<Float>?,
                         columns: Range<Int>, into y: UnsafeMutablePointer<Float>, ldy: Int, accumulate: Bool, path: Path) {
        let k = weight.inputCount
        let (begin, end) = (Int32(columns.lowerBound), Int32(columns.upperBound))
        let biasData = accumulate ? nil : bias
        switch weight.values {
        case .float32(let packed):
            nmt_float_gemm(path.kernel, Int32(m), Int32(k), x, ldx, packed, biasData, begin, end, y, ldy, accumulate ? 1 : 0)
        case .bfloat16(let packed):
            let rounded = ThreadScratch.current.reserve(nmt_bf16_packed_workspace_bytes(Int32(m), Int32(k)))
            nmt_bf16_packed_gemm(Int32(m), Int32(k), x, ldx, packed, biasData, begin, end, y, ldy, accumulate ? 1 : 0, rounded)
        }
    }

    /// What a bf16 weight's kernel computes, in portable C on the weight's float values `w` as
    /// they are (not its packed copy): for checking the kernel and its packing on any CPU.
    /// Arguments as for `multiply(_:ldx:rows:by:…)`, w [a, b] with its units along `units`.
    static func bfloat16Reference(_ x: UnsafePointer<Float>, ldx: Int, rows m: Int, weight w: Tensor, units: WeightUnits,
                                  bias: UnsafePointer<Float>?, columns: Range<Int>, into y: UnsafeMutablePointer<Float>,
                                  ldy: Int, accumulate: Bool) {
        let (_, k) = units.sizes(shape: w.shape)
        let (unitStride, inputStride) = units.strides(shape: w.shape)
        nmt_bf16_packed_reference(Int32(m), Int32(k), x, ldx, w.data, unitStride, inputStride, accumulate ? nil : bias,
                                  Int32(columns.lowerBound), Int32(columns.upperBound), y, ldy, accumulate ? 1 : 0)
    }
}
