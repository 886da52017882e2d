import CFloatKernels

/// y = init + x·W for a packed weight W (`PackedWeight`), as float32 decoding runs every product
/// with a weight: init is y itself when accumulating, else the bias (or zeros). One fused
/// multiply-add chain per output over the inputs in order, on every path (CFloatKernels.h).
/// x: [m, k] → y: [m, n], n = the weight's output units.
public enum PackedProduct {
    /// The kernels' instruction sets; every path gives the same floats.
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
    /// training (`DeferredWeightGradient`) multiply by the float weights through OpenBLAS instead:
    /// on a large product its kernel, packing included, is the faster one; below, packing once pays (greedy search, the last steps of a beam search, a
    /// server's small batches, the recurrent steps of training). Where the two cross is measured
    /// by `nmt-bench core`, part (c) (figures in docs/results.md).
    public static let rowLimit = 128

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
        let biasData = accumulate ? nil : bias
        GEMM.forEachColumnRange(m: m, n: n, k: k) { begin, end in
            nmt_float_gemm(path.kernel, Int32(m), Int32(k), x, k, weight.packed, biasData,
                           Int32(begin), Int32(end), y, n, accumulate ? 1 : 0)
        }
    }
}
