import Autodiff

/// Multi-head encoder–decoder attention for the recurrent decoder: H heads, each scoring its own
/// projections of the decoder state s [B, Q] and the memory h [S·B, M], each averaging its own
/// value projection; contexts concatenated and projected back to M, so the decoder around it
/// is unchanged.
///   additive:            e_hi = v_hᵀ tanh(W_qʰ s + W_kʰ h_i)          (W_qʰ: [Q, A/H])
///   dot, general:        e_hi = (W_qʰ s) · (W_kʰ h_i)                 (W_qʰ: [Q, M/H])
///   scaled_dot:          e_hi = (W_qʰ s) · (W_kʰ h_i) / √(M/H)
///   c = [Σ_i a_1i W_v¹ h_i; …; Σ_i a_Hi W_vᴴ h_i] W_o                 (W_vʰ: [M, M/H], W_o: [M, M])
/// With per-head projections, dot and general are the same score (W_qʰᵀ W_kʰ is general's W).
/// Keys and values are projected once per batch; per step only the query projection, the fused
/// kernel (all heads in one pass) and the output projection run. The weights handed back are
/// the mean over heads [B, S], for heat maps.
public final class MultiHeadScoreAttention: AttentionMechanism {
    public let score: AttentionScore
    public let heads: Int
    public let queryWeight: Tensor   // [Q, H·a]
    public let keyWeight: Tensor     // [M, H·a]
    public let energy: Tensor?       // [H·a], additive only
    public let valueWeight: Tensor   // [M, M]
    public let outputWeight: Tensor  // [M, M]
    let scale: Float

    public init(_ score: AttentionScore, heads: Int, querySize: Int, memorySize: Int, attentionSize: Int,
                using generator: inout SeededGenerator) {
        let width = score == .additive ? attentionSize : memorySize
        precondition(width % heads == 0 && memorySize % heads == 0,
                     "\(heads) heads must divide the memory width \(memorySize) and the score width \(width)")
        self.score = score
        self.heads = heads
        queryWeight = Initializer.xavierUniform([querySize, width], using: &generator)
        keyWeight = Initializer.xavierUniform([memorySize, width], using: &generator)
        let a = width / heads
        energy = score == .additive
            ? Initializer.uniform([width], limit: (6 / Float(a + 1)).squareRoot(), using: &generator) : nil
        valueWeight = Initializer.xavierUniform([memorySize, memorySize], using: &generator)
        outputWeight = Initializer.xavierUniform([memorySize, memorySize], using: &generator)
        scale = score == .scaledDot ? 1 / Float(a).squareRoot() : 1
    }

    public func keys(for memory: Tensor) -> Tensor { Tensor.affine([(memory, keyWeight)]) }
    public func values(for memory: Tensor) -> Tensor { Tensor.affine([(memory, valueWeight)]) }

    /// query [B, Q], keys [S·B, H·a], memory: the projected values [S·B, M] → context [B, M],
    /// weights [B, S] (mean over heads). `columns`: see `AttentionMechanism.attend`.
    public func attend(query: Tensor, keys: Tensor, memory values: Tensor, mask: [Float],
                       columns: MemoryColumns?) -> (context: Tensor, weights: Tensor) {
        let projected = Tensor.affine([(query, queryWeight)])
        let (context, weights) = energy.map {
            Tensor.additiveAttention(query: projected, keys: keys, energy: $0, values: values, mask: mask, heads: heads,
                                     columns: columns)
        } ?? Tensor.dotAttention(query: projected, keys: keys, values: values, mask: mask, scale: scale, heads: heads,
                                 columns: columns)
        let s = weights.columns, b = query.rows
        return (Tensor.affine([(context, outputWeight)]),
                meanOverHeads(weights.reshapedValue([b, heads, 1, s])))
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        var result = [("w_query", queryWeight), ("w_key", keyWeight)]
        if let energy { result.append(("energy", energy)) }
        return result + [("w_value", valueWeight), ("w_output", outputWeight)]
    }
}

extension Tensor {
    /// The same values under another shape, as a plain value (nothing recorded).
    func reshapedValue(_ newShape: [Int]) -> Tensor {
        let y = Tensor(uninitialized: newShape)
        precondition(y.count == count, "cannot reshape \(shape) to \(newShape)")
        y.data.update(from: data, count: count)
        return y
    }
}
