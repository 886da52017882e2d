import Autodiff

/// The precision `nmt translate`, `evaluate` and `serve` decode in (`--precision`): the float32
/// weights of a checkpoint packed as float32 (the default) or as bf16, whose products round x's
/// inputs to bf16 too and sum in fp32 (`PackedWeight`): half the bytes of weights to stream.
/// The weights stay float32 in the checkpoint; only the packed copies decoding reads change.
public enum DecodingPrecision: String, CaseIterable, Sendable {
    case float32, bf16

    /// Also "fp32", as `training.precision` spells it.
    public init?(rawValue: String) {
        switch rawValue {
        case "float32", "fp32": self = .float32
        case "bf16": self = .bf16
        default: return nil
        }
    }

    /// What `--help` says of `--precision` (translate, evaluate, serve).
    public static let optionHelp = "float32 (or fp32), or bf16: every product with a weight on bfloat16-rounded weights and inputs with "
        + "float32 sums (half the weight bytes to read; CPUs with AVX-512 BF16, elsewhere float32 with a warning; "
        + "float32 checkpoints only)."

    /// The packing this precision gets on a CPU with (`kernelAvailable`) or without the AVX-512
    /// BF16 kernel: bf16 falls back to float32 without it, with a warning for standard error.
    public func packing(kernelAvailable: Bool = BFloat16GEMM.isSupported) -> (precision: ProductPrecision, warning: String?) {
        switch self {
        case .float32: return (.float32, nil)
        case .bf16 where kernelAvailable: return (.bfloat16, nil)
        case .bf16: return (.float32, "warning: --precision bf16: this CPU has no AVX-512 BF16, so decoding stays float32")
        }
    }
}

/// `--precision bf16` for an int8 checkpoint: its weights are int8, with their own kernels, and
/// there is no float32 matrix to pack in bf16. A usage error (exit status 2).
public struct DecodingPrecisionError: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
        "\(path) is an int8 checkpoint (from nmt quantize), which decodes in int8: --precision bf16 needs a float32 "
            + "checkpoint (leave --precision at float32 for this one)"
    }
}

extension ModelCheckpoint {
    /// The checkpoint at `path` as decoding needs it (`forInference`) in `precision`, packed as
    /// `packing` (`DecodingPrecision.packing`, already resolved for this CPU). An int8 checkpoint
    /// decodes in int8 and takes only float32: bf16 throws `DecodingPrecisionError`.
    public static func loadForDecoding(from path: String, precision: DecodingPrecision,
                                       packing: ProductPrecision) throws -> ModelCheckpoint {
        let loaded = try load(from: path)
        if precision == .bf16, loaded.precision == .int8 { throw DecodingPrecisionError(path: path) }
        return loaded.forInference(precision: packing)
    }
}
