import Foundation

extension FastMath {
    /// The log-normalizer of a row's softmax, the one place both the cross entropy and the beam
    /// search's log-probabilities come from: for logits x of length v,
    /// log Σ_j exp(x_j) = m + log Σ_j exp(x_j − m) with m = max_j x_j (no overflow), so that
    /// log p_j = x_j − logNormalizer. The exponentials are summed in eight lanes and tail order as
    /// `sum` would sum them stored, without storing the row: they go through a small buffer that
    /// stays in L1, 512 at a time, so that the exp loop still vectorizes.
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
