import Autodiff

/// How a decoder state scores the encoder memory. Keys are prepared once per batch; each decoder
/// step then attends with its query state.
/// memory: [S·B, M] time-major; mask: [S·B] 1/0; query: [B, Q].
public protocol AttentionMechanism: Layer {
    /// Per-batch work on the memory (e.g. W_k h for all positions at once): [S·B, K].
    func keys(for memory: Tensor) -> Tensor
    /// What the context averages, per batch: the memory itself, or its value projections [S·B, V].
    func values(for memory: Tensor) -> Tensor
    /// Context [B, M] and weights [B, S] for one step. With `columns` (search), keys, memory and
    /// mask are those of columns.sentences sentences and row b reads sentence columns.columns[b].
    func attend(query: Tensor, keys: Tensor, memory: Tensor, mask: [Float], columns: MemoryColumns?) -> (context: Tensor, weights: Tensor)
}

extension AttentionMechanism {
    public func values(for memory: Tensor) -> Tensor { memory }

    /// One step with one memory row per batch row (training, teacher forcing).
    public func attend(query: Tensor, keys: Tensor, memory: Tensor, mask: [Float]) -> (context: Tensor, weights: Tensor) {
        attend(query: query, keys: keys, memory: memory, mask: mask, columns: nil)
    }
}

/// The scores selectable in a configuration.
public enum AttentionScore: String, CaseIterable, Codable, Sendable {
    /// vᵀ tanh(W_q s + W_k h) (Bahdanau et al., 2015).
    case additive
    /// sᵀh (Luong et al., 2015); needs Q = M.
    case dot
    /// sᵀ W h (Luong et al., 2015).
    case general
    /// sᵀh / √M (Vaswani et al., 2017); needs Q = M.
    case scaledDot = "scaled_dot"
}

/// Builds the mechanism for a score. `attentionSize` is the additive score's hidden size. With
/// more than one head, each head scores its own projections (see MultiHeadScoreAttention).
public func makeAttention(_ score: AttentionScore, heads: Int = 1, querySize: Int, memorySize: Int, attentionSize: Int,
                          using generator: inout SeededGenerator) -> AttentionMechanism {
    if heads > 1 {
        return MultiHeadScoreAttention(score, heads: heads, querySize: querySize, memorySize: memorySize,
                                       attentionSize: attentionSize, using: &generator)
    }
    switch score {
    case .additive:
        return AdditiveAttention(querySize: querySize, memorySize: memorySize, attentionSize: attentionSize, using: &generator)
    case .dot:
        return DotAttention(querySize: querySize, memorySize: memorySize, scaled: false)
    case .scaledDot:
        return DotAttention(querySize: querySize, memorySize: memorySize, scaled: true)
    case .general:
        return GeneralAttention(querySize: querySize, memorySize: memorySize, using: &generator)
    }
}

/// e_bi = vᵀ tanh(W_q s_b + W_k h_ib).
public final class AdditiveAttention: AttentionMechanism {
    public let queryWeight: Tensor   // [Q, A]
    public let keyWeight: Tensor     // [M, A]
    public let energy: Tensor        // [A]

    public init(querySize: Int, memorySize: Int, attentionSize: Int, using generator: inout SeededGenerator) {
        queryWeight = Initializer.xavierUniform([querySize, attentionSize], using: &generator)
        keyWeight = Initializer.xavierUniform([memorySize, attentionSize], using: &generator)
        energy = Initializer.uniform([attentionSize], limit: (6 / Float(attentionSize + 1)).squareRoot(), using: &generator)
    }

    public func keys(for memory: Tensor) -> Tensor { Tensor.affine([(memory, keyWeight)]) }

    public func attend(query: Tensor, keys: Tensor, memory: Tensor, mask: [Float], columns: MemoryColumns?) -> (context: Tensor, weights: Tensor) {
        let projected = Tensor.affine([(query, queryWeight)])
        return Tensor.additiveAttention(query: projected, keys: keys, energy: energy, values: memory, mask: mask, columns: columns)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("w_query", queryWeight), ("w_key", keyWeight), ("energy", energy)]
    }
}

/// e_bi = s_b · h_ib, optionally divided by √M. No parameters.
public final class DotAttention: AttentionMechanism {
    public let scale: Float

    public init(querySize: Int, memorySize: Int, scaled: Bool) {
        precondition(querySize == memorySize, "dot attention needs equal query and memory sizes, got \(querySize) and \(memorySize)")
        scale = scaled ? 1 / Float(memorySize).squareRoot() : 1
    }

    public func keys(for memory: Tensor) -> Tensor { memory }

    public func attend(query: Tensor, keys: Tensor, memory: Tensor, mask: [Float], columns: MemoryColumns?) -> (context: Tensor, weights: Tensor) {
        Tensor.dotAttention(query: query, keys: keys, values: memory, mask: mask, scale: scale, columns: columns)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}

/// e_bi = s_bᵀ W h_ib, computed as s_b · (h_ib Wᵀ): the keys h·Wᵀ once per batch.
public final class GeneralAttention: AttentionMechanism {
    public let weight: Tensor  // [M, Q]: keys = memory · weight

    public init(querySize: Int, memorySize: Int, using generator: inout SeededGenerator) {
        weight = Initializer.xavierUniform([memorySize, querySize], using: &generator)
    }

    public func keys(for memory: Tensor) -> Tensor { Tensor.affine([(memory, weight)]) }

    public func attend(query: Tensor, keys: Tensor, memory: Tensor, mask: [Float], columns: MemoryColumns?) -> (context: Tensor, weights: Tensor) {
        Tensor.dotAttention(query: query, keys: keys, values: memory, mask: mask, columns: columns)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }
}
