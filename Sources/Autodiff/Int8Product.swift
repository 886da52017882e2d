import CInt8Kernels

/// y (+)= x·W for an int8 weight W, as int8 decoding runs every product with a weight:
///   each row of x quantized at run time, symmetric: s_i = max_p |x_ip| / 127, a_ip = round(x_ip / s_i);
///   y_ij = s_i · scale_j · Σ_p a_ip · q_jp,  the sum in int32 (exact) by the kernels of CInt8Kernels.
/// x: [m, k] → y: [m, n], n = the weight's output units.
public enum Int8Product {
    /// The kernels' instruction sets; every path gives the same int32 sums.
    public enum Path: CaseIterable, Sendable, CustomStringConvertible {
        case scalar, avx2, avx512VNNI

        var kernel: nmt_int8_path {
            switch self {
            case .scalar: NMT_INT8_SCALAR
            case .avx2: NMT_INT8_AVX2
            case .avx512VNNI: NMT_INT8_AVX512_VNNI
            }
        }

        /// Whether this CPU runs the path (cpuid, and the OS saving the registers).
        public var isSupported: Bool { nmt_int8_path_supported(kernel) != 0 }

        public var description: String {
            switch self {
            case .scalar: "scalar"
            case .avx2: "AVX2"
            case .avx512VNNI: "AVX-512 VNNI"
            }
        }

        /// The fastest path this CPU runs, decided once.
        public static let best: Path = Path.allCases.last { $0.isSupported } ?? .scalar
    }

    /// Inputs per unit the int32 sums hold exactly: 128 · 127 · k < 2³¹ with margin.
    public static let maximumInputs = 65536

    /// y[i·n + j] = (accumulate ? y[i·n + j] : bias?[j] ?? 0) + x·W for x [m, k] (k = W's inputs).
    public static func multiply(_ x: Tensor, by weight: Int8Weight, bias: Tensor? = nil, into y: UnsafeMutablePointer<Float>,
                                accumulate: Bool, path: Path = .best) {
        let m = x.rows, k = weight.inputCount, n = weight.unitCount, kp = weight.paddedInputs
        precondition(x.columns == k, "int8 product of \(x.shape) with \(k) inputs per unit")
        precondition(bias.map { $0.count == n } ?? true, "a bias of \(bias?.count ?? 0) for \(n) units")
        guard m > 0, n > 0 else { return }
        // The quantized rows, then their scales from the next 64-byte boundary, in this thread's
        // scratch; the cores the product is split over only read them.
        let scalesOffset = (m * kp + 63) / 64 * 64
        let scratch = ThreadScratch.current.reserve(scalesOffset + m * MemoryLayout<Float>.size)
        let quantized = scratch.bindMemory(to: Int8.self, capacity: m * kp)
        let rowScales = (scratch + scalesOffset).bindMemory(to: Float.self, capacity: m)
        nmt_int8_quantize_rows(path.kernel, x.data, k, Int32(m), Int32(k), quantized, Int32(kp), rowScales)
        weight.scales.withUnsafeBufferPointer { scales in
            GEMM.forEachColumnRange(m: m, n: n, k: k) { begin, end in
                nmt_int8_gemm_f32(path.kernel, Int32(m), Int32(kp), quantized, kp, rowScales, weight.packed, weight.sums,
                                  scales.baseAddress, accumulate ? nil : bias?.data, Int32(begin), Int32(end), y, n,
                                  accumulate ? 1 : 0)
            }
        }
    }

    /// The exact int32 sums C[i][j] = Σ_p a[i][p] · q_jp for already quantized rows a [m, k]
    /// (any int8), by one path: what the tests hold every path to.
    public static func sums(_ a: [Int8], rows m: Int, by weight: Int8Weight, path: Path) -> [Int32] {
        let k = weight.inputCount, n = weight.unitCount, kp = weight.paddedInputs
        precondition(a.count == m * k, "\(a.count) activations for \(m) rows of \(k)")
        var padded = [Int8](repeating: 0, count: m * kp)
        for i in 0..<m { for p in 0..<k { padded[i * kp + p] = a[i * k + p] } }
        var c = [Int32](repeating: 0, count: m * n)
        guard m > 0, n > 0 else { return c }
        padded.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                nmt_int8_gemm_s32(path.kernel, Int32(m), Int32(kp), a.baseAddress, kp, weight.packed, weight.sums,
                                  0, Int32(n), c.baseAddress, n)
            }
        }
        return c
    }
}
