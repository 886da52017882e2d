import Foundation

/// What BLEU does with an n-gram order that has no match, which would otherwise zero the
/// geometric mean. The methods of Chen & Cherry (2014), under sacrebleu's names.
public enum BLEUSmoothing: Sendable, Equatable {
    /// No smoothing: p_n = 0, and BLEU is 0.
    case none
    /// Method 1: p_n = 100·ε / total_n (sacrebleu's default ε = 0.1).
    case floor(Double = 0.1)
    /// Method 2: for n > 1 add k to both matches and totals (sacrebleu's default k = 1).
    case addK(Double = 1)
    /// Method 3, mteval-v13a's: the i-th order without a match gets p_n = 100 / (2^i · total_n).
    /// sacrebleu's default for corpus BLEU.
    case exponential

    /// The `smooth:` field of the signature: `none`, `floor[0.10]`, `add-k[1.00]`, `exp`.
    var signatureName: String {
        switch self {
        case .none: return "none"
        case .floor(let value): return "floor[\(String(format: "%.2f", value))]"
        case .addK(let value): return "add-k[\(String(format: "%.2f", value))]"
        case .exponential: return "exp"
        }
    }
}
