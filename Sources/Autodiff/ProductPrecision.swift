/// The precision of the inputs of this thread's matrix products (`GEMM.multiply`):
/// `.float32` (OpenBLAS's sgemm, the default) or `.bfloat16` (every input rounded to bf16, fp32
/// sums: `BFloat16GEMM`, where the CPU has AVX-512 BF16; sgemm on a CPU without it). Only the
/// products' inputs change: the tensors, their gradients and everything else stay fp32.
///
/// A setting of the calling thread, scoped like the core budget (`Parallel.with(cores:)`): a
/// trainer's worker runs its passes inside `ProductPrecision.with(.bfloat16) { … }`, and no other
/// thread (a decoding worker, a validation pass elsewhere) sees it. A product that `GEMM.multiply`
/// splits across cores runs in the precision of the thread that asked for it.
public enum ProductPrecision: Sendable, CaseIterable, CustomStringConvertible {
    case float32, bfloat16

    final class Setting {
        var precision = ProductPrecision.float32
    }

    private static let setting = ThreadConfined { Setting() }

    /// This thread's precision (`.float32` unless inside `with`).
    public static var current: ProductPrecision { setting.value.precision }

    /// Runs `body` with this thread's products in `precision`, then restores the previous one.
    public static func with<T>(_ precision: ProductPrecision, _ body: () throws -> T) rethrows -> T {
        let current = setting.value
        let saved = current.precision
        current.precision = precision
        defer { current.precision = saved }
        return try body()
    }

    /// The precision this thread's products actually run in: `current`, except `.float32` for
    /// `.bfloat16` on a CPU without the kernel (`BFloat16GEMM.isSupported`).
    public static var effective: ProductPrecision {
        current == .bfloat16 && BFloat16GEMM.isSupported ? .bfloat16 : .float32
    }

    public var description: String {
        switch self {
        case .float32: "float32"
        case .bfloat16: "bfloat16"
        }
    }
}
