import Autodiff

/// Fused attention over a time-major memory, one decoder step at a time.
///
/// Shapes: B sentences, S source positions; memory rows are time-major (row i·B + b);
/// `mask` holds one 1/0 per memory row (1 = a real source token).
/// Both ops return (context [B, Dv], weights [B, S]); weights are exactly 0 on padding and each
/// row sums to 1 (a sentence with no real position gets all-zero weights and context).
///
/// With `heads` H > 1 every row of query, keys and values holds H heads side by side (head h in
/// columns h·d ..< (h+1)·d): query [B, H·d], keys [S·B, H·d], values [S·B, H·dv]. Head h of
/// sentence b is then row b·H + h of a batch of B·H rows, which is the same memory read as
/// [B·H, d], [S·B·H, d] and [S·B·H, dv]; the kernels run on that batch with the mask widened to
/// it. Context comes back [B, H·dv] (heads concatenated), weights [B·H, S] (row b·H + h).
extension Tensor {
    /// The source mask [S·B] widened to the B·H rows of a multi-head batch: [S·B·H].
    static func headMask(_ mask: [Float], sentences b: Int, heads: Int) -> [Float] {
        guard heads > 1 else { return mask }
        var widened = [Float](repeating: 0, count: mask.count * heads)
        for (index, allowed) in mask.enumerated() { for h in 0..<heads { widened[index * heads + h] = allowed } }
        return widened
    }

    /// Bahdanau's additive score e_bi = vᵀ tanh(q_b + k_ib), where q = W_q s (projected by the
    /// caller, per step) and k = W_k h (projected by the caller, once per batch).
    /// query: [B, A], keys: [S·B, A], energy (v): [A] or [A, 1], values: [S·B, Dv].
    /// With H heads: query [B, H·a], keys [S·B, H·a], energy [H·a] (head h's v in h·a ..< (h+1)·a).
    /// With `columns` (search only), the memory (keys, values, mask) is that of
    /// columns.sentences sentences, row b reading sentence columns.columns[b].
    public static func additiveAttention(query: Tensor, keys: Tensor, energy: Tensor, values: Tensor,
                                         mask: [Float], heads: Int = 1,
                                         columns: MemoryColumns? = nil) -> (context: Tensor, weights: Tensor) {
        let b = query.rows * heads, a = query.columns / heads
        let memorySentences = columns?.sentences ?? query.rows
        let s = keys.rows / memorySentences
        precondition(query.columns == a * heads && keys.columns == a * heads && keys.rows == s * memorySentences
                     && energy.count == a * heads,
                     "additiveAttention: query \(query.shape), keys \(keys.shape), energy \(energy.shape), \(heads) heads")
        let index = MemoryRowIndex(columns, batchSentences: query.rows, heads: heads)
        let mask = headMask(mask, sentences: memorySentences, heads: heads)
        // tanh(q_b + k_ib), laid out [B, S, A], kept for backward when a tape records; without
        // one (a search step) each row goes through a scratch row of A instead of B·S·A floats.
        let inputs = [query, keys, energy, values]
        let hidden = inputs.contains { $0.tape != nil } ? Tensor(uninitialized: [b * s, a]) : nil
        precondition(hidden == nil || columns == nil, "memory columns are for search: backward reads one memory row per batch row")
        let scores = Tensor(uninitialized: [b, s])
        let q = query.data, k = keys.data, v = energy.data, t = hidden?.data, e = scores.data
        Parallel.forEachChunk(b, threshold: max(1, Parallel.threshold / (s * a))) { rows in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: t == nil ? a : 0) { scratch in
                for row in rows {
                    for i in 0..<s {
                        let tr = t.map { $0 + (row * s + i) * a } ?? scratch.baseAddress!
                        let at = index(i, row)
                        guard mask[at] != 0 else { e[row * s + i] = 0; continue }
                        let qr = q + row * a, kr = k + at * a
                        for j in 0..<a { tr[j] = FastMath.tanh(qr[j] + kr[j]) }
                        e[row * s + i] = FastMath.dot(v + (row % heads) * a, tr, count: a)
                    }
                }
            }
        }
        let (context, weights) = attend(scores: scores, values: values, mask: mask, heads: heads, index: index)
        guard let hidden, let t else { return (context, weights) }
        Tape.record(context, weights, inputs: inputs) {
            guard let de = scoreGradient(context: context, weights: weights, values: values, mask: mask, heads: heads) else { return }
            let dq = query.requiresGrad ? query.gradBuffer() : nil
            let dk = keys.requiresGrad ? keys.gradBuffer() : nil
            Parallel.forEachChunk(b, threshold: max(1, Parallel.threshold / (s * a))) { rows in
                for row in rows {
                    for i in 0..<s where mask[i * b + row] != 0 {
                        let g = de[row * s + i]
                        let tr = t + (row * s + i) * a, vh = v + (row % heads) * a
                        for j in 0..<a {
                            let pre = g * vh[j] * (1 - tr[j] * tr[j])
                            dq?[row * a + j] += pre
                            dk?[(i * b + row) * a + j] += pre
                        }
                    }
                }
            }
            if energy.requiresGrad {
                let dv = energy.gradBuffer()
                for row in 0..<b {
                    for i in 0..<s where mask[i * b + row] != 0 {
                        let g = de[row * s + i]
                        let tr = t + (row * s + i) * a, dvh = dv + (row % heads) * a
                        for j in 0..<a { dvh[j] += g * tr[j] }
                    }
                }
            }
            _ = hidden
        }
        return (context, weights)
    }

    /// Multiplicative scores e_bi = scale · q_b · k_ib: Luong's dot (k = h), general (q = W s
    /// projected by the caller) and scaled dot (scale = 1/√d).
    /// query: [B, D], keys: [S·B, D], values: [S·B, Dv]; with H heads query [B, H·d], keys
    /// [S·B, H·d], values [S·B, H·dv]. `columns` as for `additiveAttention`.
    public static func dotAttention(query: Tensor, keys: Tensor, values: Tensor, mask: [Float],
                                    scale: Float = 1, heads: Int = 1,
                                    columns: MemoryColumns? = nil) -> (context: Tensor, weights: Tensor) {
        let b = query.rows * heads, d = query.columns / heads
        let memorySentences = columns?.sentences ?? query.rows
        let s = keys.rows / memorySentences
        precondition(query.columns == d * heads && keys.columns == d * heads && keys.rows == s * memorySentences,
                     "dotAttention: query \(query.shape), keys \(keys.shape), \(heads) heads")
        precondition(columns == nil || [query, keys, values].allSatisfy { $0.tape == nil },
                     "memory columns are for search: backward reads one memory row per batch row")
        let index = MemoryRowIndex(columns, batchSentences: query.rows, heads: heads)
        let mask = headMask(mask, sentences: memorySentences, heads: heads)
        let scores = Tensor(uninitialized: [b, s])
        let q = query.data, k = keys.data, e = scores.data
        for row in 0..<b {
            for i in 0..<s {
                let at = index(i, row)
                guard mask[at] != 0 else { e[row * s + i] = 0; continue }
                let qr = q + row * d, kr = k + at * d
                e[row * s + i] = scale * FastMath.dot(qr, kr, count: d)
            }
        }
        let (context, weights) = attend(scores: scores, values: values, mask: mask, heads: heads, index: index)
        Tape.record(context, weights, inputs: [query, keys, values]) {
            guard let de = scoreGradient(context: context, weights: weights, values: values, mask: mask, heads: heads) else { return }
            let dq = query.requiresGrad ? query.gradBuffer() : nil
            let dk = keys.requiresGrad ? keys.gradBuffer() : nil
            for row in 0..<b {
                for i in 0..<s where mask[i * b + row] != 0 {
                    let g = scale * de[row * s + i]
                    let qr = q + row * d, kr = k + (i * b + row) * d
                    if let dq { for j in 0..<d { dq[row * d + j] += g * kr[j] } }
                    if let dk { for j in 0..<d { dk[(i * b + row) * d + j] += g * qr[j] } }
                }
            }
        }
        return (context, weights)
    }

    /// Masked softmax of scores [B, S] and the weighted sum of values [S·Bm, Dv] (B and Dv per
    /// head: the context is [B / H, H·Dv]); row r's position i is values row index(i, r).
    private static func attend(scores: Tensor, values: Tensor, mask: [Float], heads: Int,
                               index: MemoryRowIndex) -> (Tensor, Tensor) {
        let b = scores.rows, s = scores.columns, dv = values.columns / heads
        precondition(values.rows * heads == s * index.sentences * heads && mask.count == values.rows * heads,
                     "attention values \(values.shape), mask \(mask.count), scores \(scores.shape)")
        let weights = Tensor(uninitialized: [b, s])
        let context = Tensor(zeros: [b / heads, heads * dv])
        let e = scores.data, w = weights.data, vals = values.data, ctx = context.data
        Parallel.forEachChunk(b, threshold: max(1, Parallel.threshold / (s * dv))) { rows in
            for row in rows {
                var maximum = -Float.infinity
                for i in 0..<s where mask[index(i, row)] != 0 { maximum = max(maximum, e[row * s + i]) }
                var total: Float = 0
                for i in 0..<s {
                    let weight = mask[index(i, row)] != 0 ? FastMath.exp(e[row * s + i] - maximum) : 0
                    w[row * s + i] = weight
                    total += weight
                }
                let inverse: Float = total > 0 ? 1 / total : 0
                let cr = ctx + row * dv
                for i in 0..<s {
                    w[row * s + i] *= inverse
                    let weight = w[row * s + i]
                    guard weight != 0 else { continue }
                    let vr = vals + index(i, row) * dv
                    for j in 0..<dv { cr[j] += weight * vr[j] }
                }
            }
        }
        return (context, weights)
    }

    /// Backward through the context sum and the softmax: adds dvalues, returns dscores [B·S]
    /// (nil when no gradient reached context or weights).
    ///   da_bi = G_b · v_ib + dW_bi,  dv_ib += w_bi G_b,  de_bi = w_bi (da_bi − Σ_j w_bj da_bj)
    private static func scoreGradient(context: Tensor, weights: Tensor, values: Tensor, mask: [Float], heads: Int) -> [Float]? {
        let dctx = context.grad, dw = weights.grad
        guard dctx != nil || dw != nil else { return nil }
        let b = weights.rows, s = weights.columns, dvCols = values.columns / heads
        let w = weights.data, vals = values.data
        let dvals = values.requiresGrad ? values.gradBuffer() : nil
        var de = [Float](repeating: 0, count: b * s)
        de.withUnsafeMutableBufferPointer { deBuffer in
            let dep = deBuffer.baseAddress!
            Parallel.forEachChunk(b, threshold: max(1, Parallel.threshold / (s * dvCols))) { rows in
                for row in rows {
                    var weighted: Float = 0
                    for i in 0..<s where mask[i * b + row] != 0 {
                        var da = dw?[row * s + i] ?? 0
                        if let dctx {
                            let vr = vals + (i * b + row) * dvCols, gr = dctx + row * dvCols
                            da += FastMath.dot(gr, vr, count: dvCols)
                            if let dvals {
                                let weight = w[row * s + i]
                                let dr = dvals + (i * b + row) * dvCols
                                for j in 0..<dvCols { dr[j] += weight * gr[j] }
                            }
                        }
                        dep[row * s + i] = da
                        weighted += w[row * s + i] * da
                    }
                    for i in 0..<s where mask[i * b + row] != 0 {
                        dep[row * s + i] = w[row * s + i] * (dep[row * s + i] - weighted)
                    }
                }
            }
        }
        return de
    }
}
