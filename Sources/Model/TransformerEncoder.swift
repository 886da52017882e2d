import Autodiff
import Layers

/// One pre-norm encoder layer: x + SelfAttention(LN(x)), then + FeedForward(LN(·)).
/// Rows are time-major [S·B, d]; padded source positions are masked out as keys, so they never
/// reach a real position (their own rows carry values nobody reads).
public final class TransformerEncoderLayer: Layer {
    public let selfNorm: LayerNorm
    public let selfAttention: MultiHeadAttention
    public let feedForwardNorm: LayerNorm
    public let feedForward: FeedForward

    init(size d: Int, heads: Int, feedForwardSize: Int, using generator: inout SeededGenerator) {
        selfNorm = LayerNorm(d)
        selfAttention = MultiHeadAttention(size: d, heads: heads, using: &generator)
        feedForwardNorm = LayerNorm(d)
        feedForward = FeedForward(size: d, innerSize: feedForwardSize, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        selfNorm.parameters(prefixed: "self_norm") + selfAttention.parameters(prefixed: "self_attention")
            + feedForwardNorm.parameters(prefixed: "feed_forward_norm") + feedForward.parameters(prefixed: "feed_forward")
    }

    func callAsFunction(_ x: Tensor, batch: Int, mask: [Float], mode: ForwardMode) -> Tensor {
        let attended = preNormResidual(x, norm: selfNorm, mode: mode) {
            selfAttention.selfAttention($0, batch: batch, keyMask: mask, causal: false).output
        }
        return preNormResidual(attended, norm: feedForwardNorm, mode: mode) { feedForward($0, mode: mode) }
    }
}

/// Source ids → √d·E x + positions → N encoder layers → LayerNorm: the memory [S·B, d].
public final class TransformerEncoder: Layer {
    public let embedding: Embedding
    public let layers: [TransformerEncoderLayer]
    public let finalNorm: LayerNorm

    init(_ config: ModelConfiguration, using generator: inout SeededGenerator) {
        let d = config.embeddingSize
        embedding = Embedding(vocabularySize: config.sourceVocabularySize, dimension: d,
                              std: 1 / Float(d).squareRoot(), using: &generator)
        layers = (0..<config.transformerLayers).map { _ in
            TransformerEncoderLayer(size: d, heads: config.transformerHeads, feedForwardSize: config.feedForwardSize, using: &generator)
        }
        finalNorm = LayerNorm(d)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        embedding.parameters(prefixed: "embedding")
            + layers.enumerated().flatMap { $0.element.parameters(prefixed: "layer\($0.offset)") }
            + finalNorm.parameters(prefixed: "final_norm")
    }

    /// ids [S·B] time-major → memory [S·B, d].
    func callAsFunction(_ ids: [Int32], layout: SequenceLayout, mode: ForwardMode) -> Tensor {
        let d = embedding.dimension
        var x = embedding(ids).addingPositions(batch: layout.batch, scale: Float(d).squareRoot()).dropout(mode)
        let mask = layout.mask
        for layer in layers { x = layer(x, batch: layout.batch, mask: mask, mode: mode) }
        return finalNorm(x)
    }
}
