import Autodiff

/// Attention for one decoding step: each of R rows has a single query, attending to its own
/// keys and values, which need not lie in one matrix (a self-attention cache keeps each step's
/// keys where they were projected; see `SelfAttentionCache`).
///
/// `multiHeadAttention` would cost R·H strided GEMM calls with one query row each, more call
/// overhead than arithmetic at these sizes (dk = 64, a few dozen keys); this kernel runs the same
/// sums as SIMD dot products and axpys.
extension Tensor {
    /// queries: [R, H·dk]. Row r attends to `count` keys; key i of row r starts at
    /// key(r, i) (H·dk wide, nil for a masked key) and its value at value(r, i) (H·dv wide).
    ///   s_i = scale · q_rh · k_ih,  p = softmax over the unmasked keys (0 on masked ones),
    ///   c_rh = Σ_i p_i v_ih
    /// Returns the context [R, H·dv] and, with `keepWeights`, the weights averaged over the
    /// heads [R, count]. Inference only: nothing is recorded for backward.
    @inline(__always)
    static func oneStepAttention(queries: Tensor, heads: Int, valueWidth dv: Int, count t: Int, scale: Float,
                                 keepWeights: Bool,
                                 key: (_ row: Int, _ index: Int) -> UnsafePointer<Float>?,
                                 value: (_ row: Int, _ index: Int) -> UnsafePointer<Float>) -> (context: Tensor, meanWeights: Tensor?) {
        let r = queries.rows, dk = queries.columns / heads
        precondition(queries.columns == dk * heads, "oneStepAttention: queries \(queries.shape) for \(heads) heads")
        let context = Tensor(zeros: [r, heads * dv])
        let mean = keepWeights ? Tensor(zeros: [r, t]) : nil
        let q = queries.data, c = context.data, meanData = mean?.data
        let inverseHeads = 1 / Float(heads)
        Parallel.forEachChunk(r, threshold: max(1, Parallel.threshold / max(1, heads * t * (dk + dv)))) { range in
            // Per row: where its keys and values start, and one head's scores.
            let keys = UnsafeMutablePointer<UnsafePointer<Float>?>.allocate(capacity: max(t, 1))
            let values = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: max(t, 1))
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(t, 1))
            defer { keys.deallocate(); values.deallocate(); scores.deallocate() }
            for row in range {
                for i in 0..<t {
                    keys[i] = key(row, i)
                    values[i] = value(row, i)
                }
                for head in 0..<heads {
                    let query = q + row * heads * dk + head * dk
                    var maximum = -Float.infinity
                    for i in 0..<t {
                        guard let k = keys[i] else { continue }
                        let score = scale * FastMath.dot(query, k + head * dk, count: dk)
                        scores[i] = score
                        maximum = max(maximum, score)
                    }
                    var total: Float = 0
                    for i in 0..<t {
                        let weight = keys[i] == nil ? 0 : FastMath.exp(scores[i] - maximum)
                        scores[i] = weight
                        total += weight
                    }
                    let inverse: Float = total > 0 ? 1 / total : 0
                    let out = c + row * heads * dv + head * dv
                    for i in 0..<t where scores[i] != 0 {
                        let weight = scores[i] * inverse
                        FastMath.addScaled(values[i] + head * dv, weight, to: out, count: dv)
                        if let meanData { meanData[row * t + i] += inverseHeads * weight }
                    }
                }
            }
        }
        return (context, mean)
    }
}
