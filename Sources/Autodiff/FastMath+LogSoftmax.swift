import Foundation

extension FastMath {
    /// The normalizer of a row's softmax, the one place both the cross entropy and the beam
    /// search's log-probabilities come from: for logits x of length v,
    /// log Σ_j exp(x_j) = m + log Σ_j exp(x_j − m) with m = max_j x_j (no overflow).
    /// `exponentials` receives exp(x_j − m); returns m + log Σ and Σ exp(x_j − m), so that
    /// p_j = exponentials[j] / total and log p_j = x_j − logNormalizer.
    @inlinable @inline(__always)
    public static func softmaxNormalizer(_ x: UnsafePointer<Float>, count v: Int,
                                         exponentials: UnsafeMutablePointer<Float>) -> (logNormalizer: Float, total: Float) {
        let maximum = FastMath.maximum(x, count: v)
        for j in 0..<v { exponentials[j] = exp(x[j] - maximum) }
        let total = sum(exponentials, count: v)
        return (maximum + Foundation.log(total), total)
    }
}
