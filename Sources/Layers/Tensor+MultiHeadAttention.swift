import Autodiff

/// Fused scaled dot-product attention of H heads over time-major sequences: the Transformer's
/// self-attention (padding mask, causal mask) and cross-attention, every query step at once.
///
/// Rows are time-major (row t·B + b); head h of a row is columns h·d ..< (h+1)·d. For one pair
/// (sentence b, head h) the queries are a [Tq, dk] matrix whose rows lie B·H·dk floats apart,
/// and likewise keys and values, so each pair is one strided GEMM for its scores and one for its
/// context: no copies into per-head buffers.
extension Tensor {
    /// queries: [Tq·B, H·dk], keys: [Tk·B, H·dk], values: [Tk·B, H·dv]; keyMask: [Tk·B] 1/0
    /// (1 = a real key); `causal`: query t sees only keys i ≤ t (needs Tq = Tk).
    ///   S = scale · Q_bh K_bhᵀ,  P = softmax over the allowed keys (0 elsewhere),  C_bh = P V_bh
    /// Returns context [Tq·B, H·dv] (heads concatenated) and the weights P [B, H, Tq, Tk]
    /// (a value for heat maps: no gradient flows back through it).
    /// Backward: dP = G V_bhᵀ, dV_bh += Pᵀ G, dS = P ⊙ (dP − rowsum(dP ⊙ P)),
    ///           dQ_bh += scale · dS K_bh, dK_bh += scale · dSᵀ Q_bh.
    public static func multiHeadAttention(queries: Tensor, keys: Tensor, values: Tensor, batch b: Int, heads: Int,
                                          keyMask: [Float], causal: Bool = false,
                                          scale: Float) -> (context: Tensor, weights: Tensor) {
        let tq = queries.rows / b, tk = keys.rows / b
        let dk = queries.columns / heads, dv = values.columns / heads
        precondition(queries.rows == tq * b && keys.rows == tk * b && values.rows == tk * b
                     && queries.columns == dk * heads && keys.columns == dk * heads && values.columns == dv * heads,
                     "multiHeadAttention: queries \(queries.shape), keys \(keys.shape), values \(values.shape), B \(b), H \(heads)")
        precondition(keyMask.count == tk * b, "multiHeadAttention: key mask of \(keyMask.count) for \(tk * b) keys")
        precondition(!causal || tq == tk, "a causal mask needs as many queries as keys, got \(tq) and \(tk)")
        let strideK = b * heads * dk, strideV = b * heads * dv  // between consecutive time steps of one (b, h)
        let weights = Tensor(uninitialized: [b, heads, tq, tk])
        let context = Tensor(uninitialized: [tq * b, heads * dv])
        let q = queries.data, k = keys.data, v = values.data, p = weights.data, c = context.data
        let pairs = b * heads
        Parallel.forEachChunk(pairs, threshold: max(1, Parallel.threshold / max(1, tq * tk * (dk + dv)))) { range in
            for pair in range {
                let sentence = pair / heads, head = pair % heads
                let scores = p + pair * tq * tk
                let qOffset = sentence * heads * dk + head * dk, vOffset = sentence * heads * dv + head * dv
                GEMM.multiply(q + qOffset, transposeA: false, k + qOffset, transposeB: true, into: scores,
                              m: tq, n: tk, k: dk, alpha: scale, lda: strideK, ldb: strideK, ldc: tk)
                for t in 0..<tq {
                    maskedSoftmax(scores + t * tk, count: causal ? t + 1 : tk, width: tk, mask: keyMask, sentence: sentence, batch: b)
                }
                GEMM.multiply(scores, transposeA: false, v + vOffset, transposeB: false, into: c + vOffset,
                              m: tq, n: dv, k: tk, lda: tk, ldb: strideV, ldc: strideV)
            }
        }
        Tape.record(context, inputs: [queries, keys, values]) {
            guard let g = context.grad else { return }
            let dq = queries.requiresGrad ? queries.gradBuffer() : nil
            let dkeys = keys.requiresGrad ? keys.gradBuffer() : nil
            let dvalues = values.requiresGrad ? values.gradBuffer() : nil
            let scratch = Tensor(uninitialized: [pairs, tq, tk])  // dP, then dS, per pair
            Parallel.forEachChunk(pairs, threshold: max(1, Parallel.threshold / max(1, tq * tk * (dk + dv)))) { range in
                for pair in range {
                    let sentence = pair / heads, head = pair % heads
                    let probabilities = p + pair * tq * tk, ds = scratch.data + pair * tq * tk
                    let qOffset = sentence * heads * dk + head * dk, vOffset = sentence * heads * dv + head * dv
                    GEMM.multiply(g + vOffset, transposeA: false, v + vOffset, transposeB: true, into: ds,
                                  m: tq, n: tk, k: dv, lda: strideV, ldb: strideV, ldc: tk)
                    if let dvalues {
                        GEMM.multiply(probabilities, transposeA: true, g + vOffset, transposeB: false, into: dvalues + vOffset,
                                      m: tk, n: dv, k: tq, beta: 1, lda: tk, ldb: strideV, ldc: strideV)
                    }
                    for t in 0..<tq {
                        let pr = probabilities + t * tk, dr = ds + t * tk
                        let weighted = FastMath.dot(pr, dr, count: tk)
                        for i in 0..<tk { dr[i] = pr[i] * (dr[i] - weighted) }
                    }
                    if let dq {
                        GEMM.multiply(ds, transposeA: false, k + qOffset, transposeB: false, into: dq + qOffset,
                                      m: tq, n: dk, k: tk, alpha: scale, beta: 1, lda: tk, ldb: strideK, ldc: strideK)
                    }
                    if let dkeys {
                        GEMM.multiply(ds, transposeA: true, q + qOffset, transposeB: false, into: dkeys + qOffset,
                                      m: tk, n: dk, k: tq, alpha: scale, beta: 1, lda: tk, ldb: strideK, ldc: strideK)
                    }
                }
            }
            _ = weights  // the probabilities stay alive until backward has run
        }
        return (context, weights)
    }

    /// Softmax in place over the first `count` entries of a row of `width` scores whose key i is
    /// allowed by mask[i·B + sentence]; every other entry becomes exactly 0. A row with no allowed
    /// key is all zeros.
    @inline(__always)
    private static func maskedSoftmax(_ row: UnsafeMutablePointer<Float>, count: Int, width: Int,
                                      mask: [Float], sentence: Int, batch b: Int) {
        var maximum = -Float.infinity
        for i in 0..<count where mask[i * b + sentence] != 0 { maximum = max(maximum, row[i]) }
        var total: Float = 0
        for i in 0..<width {
            let value = i < count && mask[i * b + sentence] != 0 ? FastMath.exp(row[i] - maximum) : 0
            row[i] = value
            total += value
        }
        let inverse: Float = total > 0 ? 1 / total : 0
        for i in 0..<width { row[i] *= inverse }
    }
}
