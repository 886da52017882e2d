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

extension FastMath {
    /// `softmaxNormalizer`'s logNormalizer without storing the exponentials: the same maximum,
    /// the same exp(x_j − m) summed in the same eight lanes and tail order as `sum`, so the same
    /// float; for a caller that needs only log p_j = x_j − logNormalizer (the beam search).
    @inlinable @inline(__always)
    public static func logNormalizer(_ x: UnsafePointer<Float>, count v: Int) -> Float {
        let maximum = FastMath.maximum(x, count: v)
        var partial = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= v {
            var lanes = SIMD8<Float>()
            for lane in 0..<8 { lanes[lane] = exp(x[i + lane] - maximum) }
            partial += lanes
            i += 8
        }
        var total = partial.sum()
        while i < v { total += exp(x[i] - maximum); i += 1 }
        return maximum + Foundation.log(total)
    }
}
