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
    /// `softmaxNormalizer`'s logNormalizer without storing the exponentials of the whole row: the
    /// same maximum, the same exp(x_j − m) summed in the same eight lanes and tail order as `sum`,
    /// so the same float; for a caller that needs only log p_j = x_j − logNormalizer (the beam
    /// search). The exponentials go through a small buffer that stays in L1, 512 at a time, so
    /// that the exp loop still vectorizes.
    @inlinable @inline(__always)
    public static func logNormalizer(_ x: UnsafePointer<Float>, count v: Int) -> Float {
        let maximum = FastMath.maximum(x, count: v)
        let chunk = 512
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: chunk) { buffer in
            let e = buffer.baseAddress!
            var partial = SIMD8<Float>(repeating: 0)
            let whole = v / 8 * 8
            var start = 0
            while start < whole {
                let length = Swift.min(chunk, whole - start)
                for j in 0..<length { e[j] = exp(x[start + j] - maximum) }
                var i = 0
                while i < length {
                    partial += UnsafeRawPointer(e + i).loadUnaligned(as: SIMD8<Float>.self)
                    i += 8
                }
                start += length
            }
            var total = partial.sum()
            for j in whole..<v { total += exp(x[j] - maximum) }
            return maximum + Foundation.log(total)
        }
    }
}
