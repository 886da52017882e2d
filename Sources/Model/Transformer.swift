import Autodiff
import Batching
import Layers
import Text

/// The Transformer encoder–decoder (Vaswani et al., 2017) in its pre-norm form: every sublayer
/// reads a layer-normalized copy of its input and adds its output back, and each stack ends in
/// a LayerNorm. The model width d is `embedding_size`; heads, layers and the feed-forward width
/// are the `transformer_*` and `feed_forward_size` settings. Attention is scaled dot product.
public final class Transformer: Layer {
    public let encoder: TransformerEncoder
    public let decoder: TransformerDecoder

    init(_ config: ModelConfiguration, using generator: inout SeededGenerator) {
        encoder = TransformerEncoder(config, using: &generator)
        decoder = TransformerDecoder(config, sharedEmbedding: config.tieEmbeddings == .all ? encoder.embedding : nil,
                                     using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        encoder.parameters(prefixed: "encoder") + decoder.parameters(prefixed: "decoder")
    }

    /// Source ids → each decoder layer's cross-attention memory.
    package func encode(_ source: [Int32], layout: SequenceLayout, mode: ForwardMode) -> [Memory] {
        decoder.memories(of: encoder(source, layout: layout, mode: mode), layout: layout)
    }

    /// Teacher-forced logits [T·B, V]; with `keepAttention`, the top layer's cross-attention
    /// (mean over heads) of every step, [B, S] each, as the recurrent model gives it.
    func logits(_ batch: Batch, mode: ForwardMode, keepAttention: Bool) -> (logits: Tensor, attention: [Tensor]) {
        let memories = encode(batch.sourceIDs, layout: batch.sourceLayout, mode: mode)
        let (logits, weights) = decoder(batch.targetInput, steps: batch.targetLength, memories: memories, mode: mode,
                                        keepAttention: keepAttention)
        guard let weights else { return (logits, []) }
        // weights: [B·T, S], row b·T + t → one [B, S] tensor per step t.
        let b = batch.size, t = batch.targetLength, s = weights.columns
        let perStep = (0..<t).map { step -> Tensor in
            let rows = Tensor(uninitialized: [b, s])
            for sentence in 0..<b {
                (rows.data + sentence * s).update(from: weights.data + (sentence * t + step) * s, count: s)
            }
            return rows
        }
        return (logits, perStep)
    }
}
