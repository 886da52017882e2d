import Autodiff
import Layers

/// One pre-norm decoder layer:
///   y += SelfAttention(LN(y)) under the causal mask (or over the cached steps),
///   y += CrossAttention(LN(y), memory),  y += FeedForward(LN(y)).
public final class TransformerDecoderLayer: Layer {
    public let selfNorm: LayerNorm
    public let selfAttention: MultiHeadAttention
    public let crossNorm: LayerNorm
    public let crossAttention: MultiHeadAttention
    public let feedForwardNorm: LayerNorm
    public let feedForward: FeedForward

    init(size d: Int, heads: Int, feedForwardSize: Int, using generator: inout SeededGenerator) {
        selfNorm = LayerNorm(d)
        selfAttention = MultiHeadAttention(size: d, heads: heads, using: &generator)
        crossNorm = LayerNorm(d)
        crossAttention = MultiHeadAttention(size: d, heads: heads, using: &generator)
        feedForwardNorm = LayerNorm(d)
        feedForward = FeedForward(size: d, innerSize: feedForwardSize, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        selfNorm.parameters(prefixed: "self_norm") + selfAttention.parameters(prefixed: "self_attention")
            + crossNorm.parameters(prefixed: "cross_norm") + crossAttention.parameters(prefixed: "cross_attention")
            + feedForwardNorm.parameters(prefixed: "feed_forward_norm") + feedForward.parameters(prefixed: "feed_forward")
    }

    /// y: [T·B, d] time-major, every step at once under the causal mask (teacher forcing).
    /// memory: this layer's cross keys and values. Returns the new rows and the cross-attention
    /// weights [B, H, T, S].
    func callAsFunction(_ y: Tensor, batch: Int, memory: Memory, mode: ForwardMode) -> (output: Tensor, crossWeights: Tensor) {
        // Target padding comes after a sentence's real tokens, so the causal mask already keeps
        // it from real rows.
        let afterSelf = preNormResidual(y, norm: selfNorm, mode: mode) { normalized in
            selfAttention.selfAttention(normalized, batch: batch, keyMask: [Float](repeating: 1, count: normalized.rows),
                                        causal: true).output
        }
        var weights: Tensor!
        let afterCross = preNormResidual(afterSelf, norm: crossNorm, mode: mode) { normalized in
            let crossed: Tensor
            (crossed, weights) = crossAttention(normalized, keys: memory.keys, values: memory.values,
                                                batch: batch, keyMask: memory.mask)
            return crossed
        }
        return (preNormResidual(afterCross, norm: feedForwardNorm, mode: mode) { feedForward($0, mode: mode) }, weights)
    }

    /// One step of search: y [R, d], one new position per row, attending to itself and the
    /// earlier steps in `cache` (which it joins), and to the memory of the sentence `columns`
    /// gives it → the new rows [R, d] and the cross-attention weights averaged over the heads [R, S].
    func step(_ y: Tensor, cache: SelfAttentionCache, memory: Memory, columns: MemoryColumns) -> (output: Tensor, crossWeights: Tensor) {
        let afterSelf = preNormResidual(y, norm: selfNorm, mode: .inference) { selfAttention.step($0, cache: cache) }
        var weights: Tensor!
        let afterCross = preNormResidual(afterSelf, norm: crossNorm, mode: .inference) { normalized in
            let crossed: Tensor
            (crossed, weights) = crossAttention.step(normalized, keys: memory.keys, values: memory.values, keyMask: memory.mask,
                                                     columns: columns)
            return crossed
        }
        return (preNormResidual(afterCross, norm: feedForwardNorm, mode: .inference) { feedForward($0, mode: .inference) }, weights)
    }
}

/// Target ids → √d·E y + positions → N decoder layers → LayerNorm → logits over the vocabulary
/// (the target embedding matrix transposed when tied).
public final class TransformerDecoder: Layer {
    public let embedding: Embedding
    public let layers: [TransformerDecoderLayer]
    public let finalNorm: LayerNorm
    public let output: Linear?       // [d, V] (nil when tied)
    public let outputBias: Tensor?   // [V] when tied
    /// False when the embedding is the encoder's (`tie_embeddings: all`).
    private let ownsEmbedding: Bool

    /// `sharedEmbedding`: the encoder's embedding, read as the target embedding too
    /// (`tie_embeddings: all`); it is then the encoder's parameter, not listed here.
    init(_ config: ModelConfiguration, sharedEmbedding: Embedding? = nil, using generator: inout SeededGenerator) {
        let d = config.embeddingSize
        embedding = sharedEmbedding ?? Embedding(vocabularySize: config.targetVocabularySize, dimension: d,
                                                 std: 1 / Float(d).squareRoot(), using: &generator)
        ownsEmbedding = sharedEmbedding == nil
        layers = (0..<config.transformerLayers).map { _ in
            TransformerDecoderLayer(size: d, heads: config.transformerHeads, feedForwardSize: config.feedForwardSize, using: &generator)
        }
        finalNorm = LayerNorm(d)
        if config.tieEmbeddings.tiesOutput {
            output = nil
            outputBias = Initializer.zeros([config.targetVocabularySize])
        } else {
            output = Linear(d, config.targetVocabularySize, fanInScaled: true, using: &generator)
            outputBias = nil
        }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        var result = (ownsEmbedding ? embedding.parameters(prefixed: "embedding") : [])
            + layers.enumerated().flatMap { $0.element.parameters(prefixed: "layer\($0.offset)") }
            + finalNorm.parameters(prefixed: "final_norm")
        if let output { result += output.parameters(prefixed: "output") }
        if let outputBias { result.append(("output.bias", outputBias)) }
        return result
    }

    /// Each layer's cross-attention keys and values of the encoder's memory [S·B, d], computed
    /// once per batch.
    func memories(of encoded: Tensor, layout: SequenceLayout) -> [Memory] {
        let mask = layout.mask
        return layers.map { layer in
            let (keys, values) = layer.crossAttention.keysAndValues(encoded)
            return Memory(values: values, keys: keys, mask: mask, layout: layout)
        }
    }

    /// The output layer restricted to `ids`, for a search that scores only those.
    package func outputSubset(_ ids: [Int32]) -> OutputSubset {
        OutputSubset(ids: ids, output: output, embedding: embedding, tiedBias: outputBias)
    }

    /// Rows y [N, d] after the layers → logits [N, V] (with `subset`, [N, C] of its ids).
    private func logits(_ y: Tensor, subset: OutputSubset? = nil) -> Tensor {
        let normalized = finalNorm(y)
        if let subset { return subset.logits(normalized) }
        if let output { return output(normalized) }
        return normalized.matmul(embedding.weight, transposeOther: true) + outputBias!
    }

    /// Teacher-forced decoding: inputs [T·B] (<s> y₁ … y_n) → logits [T·B, V], and the top
    /// layer's cross-attention weights, mean over heads, [B·T, S] (row b·T + t) if asked.
    func callAsFunction(_ inputs: [Int32], steps: Int, memories: [Memory], mode: ForwardMode,
                        keepAttention: Bool = false) -> (logits: Tensor, attention: Tensor?) {
        let b = inputs.count / steps, d = embedding.dimension
        var y = embedding(inputs).addingPositions(batch: b, scale: Float(d).squareRoot()).dropout(mode)
        var weights: Tensor?
        for (layer, memory) in zip(layers, memories) {
            let result = layer(y, batch: b, memory: memory, mode: mode)
            y = result.output
            weights = result.crossWeights
        }
        return (logits(y), keepAttention ? weights.map(meanOverHeads) : nil)
    }

    /// One step of search for R rows at `position`: previous ids [R] → logits [R, V] (with
    /// `subset`, [R, C] of its ids) and the top layer's cross-attention, mean over heads, [R, S].
    /// Row r reads the memories of the sentence `columns` gives it. Appends to each layer's cache.
    package func step(_ previous: [Int32], position: Int, caches: [SelfAttentionCache], memories: [Memory],
                      columns: MemoryColumns, subset: OutputSubset? = nil) -> (logits: Tensor, weights: Tensor) {
        let r = previous.count, d = embedding.dimension
        var y = embedding(previous).addingPositions(batch: r, firstPosition: position, scale: Float(d).squareRoot())
        var weights: Tensor?
        for ((layer, cache), memory) in zip(zip(layers, caches), memories) {
            let result = layer.step(y, cache: cache, memory: memory, columns: columns)
            y = result.output
            weights = result.crossWeights
        }
        return (logits(y, subset: subset), weights!)
    }
}
