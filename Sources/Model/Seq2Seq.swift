import Autodiff
import Batching
import Layers
import Text

/// The encoder–decoder with attention, of either architecture (`model.architecture`): what
/// training, checkpoints and search work with. The architecture decides the networks; the
/// loss, the parameter list and the search interface (`decodingSession`) are the same.
public final class Seq2Seq: Layer {
    /// The networks of one architecture.
    public enum Architecture {
        /// Bidirectional LSTM encoder, bridge, attentional LSTM decoder.
        case recurrent(encoder: LSTMEncoder, bridge: Bridge, decoder: AttentionalLSTMDecoder)
        case transformer(Transformer)
    }

    public let config: ModelConfiguration
    public let architecture: Architecture

    /// A model of `config`, its parameters drawn from `seed`; with `drawingParameters` false, all
    /// zeros, for a model whose parameters are read from a checkpoint next.
    public init(_ config: ModelConfiguration, seed: UInt64, drawingParameters: Bool = true) {
        self.config = config
        var generator = SeededGenerator(seed: seed)
        generator.drawsParameters = drawingParameters
        switch config.architecture {
        case .rnn:
            let encoder = LSTMEncoder(config, using: &generator)
            let bridge = Bridge(config, using: &generator)
            let decoder = AttentionalLSTMDecoder(config, sharedEmbedding: config.tieEmbeddings == .all ? encoder.embedding : nil,
                                                 using: &generator)
            architecture = .recurrent(encoder: encoder, bridge: bridge, decoder: decoder)
        case .transformer:
            architecture = .transformer(Transformer(config, using: &generator))
        }
    }

    /// The recurrent model's parts; only for `architecture: rnn`.
    public var encoder: LSTMEncoder { recurrent.encoder }
    public var bridge: Bridge { recurrent.bridge }
    public var decoder: AttentionalLSTMDecoder { recurrent.decoder }

    private var recurrent: (encoder: LSTMEncoder, bridge: Bridge, decoder: AttentionalLSTMDecoder) {
        guard case .recurrent(let encoder, let bridge, let decoder) = architecture else {
            preconditionFailure("the recurrent parts of a \(config.architecture.rawValue) model")
        }
        return (encoder, bridge, decoder)
    }

    /// The embedding table that doubles as the output layer (x·Eᵀ, `tie_embeddings` target or
    /// all), nil when the output layer is a matrix of its own. Every other table is only looked up.
    public var outputEmbedding: Tensor? {
        guard config.tieEmbeddings.tiesOutput else { return nil }
        switch architecture {
        case .recurrent(_, _, let decoder): return decoder.embedding.weight
        case .transformer(let transformer): return transformer.decoder.embedding.weight
        }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        switch architecture {
        case .recurrent(let encoder, let bridge, let decoder):
            return encoder.parameters(prefixed: "encoder") + bridge.parameters(prefixed: "bridge") + decoder.parameters(prefixed: "decoder")
        case .transformer(let transformer):
            return transformer.namedParameters
        }
    }

    /// Source ids → the memory to attend to and the decoder's initial state (recurrent model).
    public func encode(_ source: [Int32], layout: SequenceLayout, mode: ForwardMode) -> (memory: Memory, state: DecoderState) {
        let encoded = encoder(source, layout: layout, mode: mode)
        let keys = decoder.attention.keys(for: encoded.memory)
        let memory = Memory(values: decoder.attention.values(for: encoded.memory), keys: keys, mask: layout.mask, layout: layout)
        return (memory, bridge(hidden: encoded.hidden, cell: encoded.cell))
    }

    /// Teacher-forced logits [T·B, V] (and per-step attention weights [B, S] if asked).
    public func logits(_ batch: Batch, mode: ForwardMode,
                       keepAttention: Bool = false) -> (logits: Tensor, attention: [Tensor]) {
        switch architecture {
        case .recurrent(_, _, let decoder):
            let (memory, state) = encode(batch.sourceIDs, layout: batch.sourceLayout, mode: mode)
            return decoder(batch.targetInput, steps: batch.targetLength, initial: state, memory: memory,
                           mode: mode, keepAttention: keepAttention)
        case .transformer(let transformer):
            return transformer.logits(batch, mode: mode, keepAttention: keepAttention)
        }
    }

    /// Label-smoothed cross entropy over the real target tokens: summed, or averaged per token.
    /// `mode` says whether dropout applies; gradients are recorded when the parameters are on a
    /// tape (`Tape.recording(model.parameters) { model.loss(…) }`).
    public func loss(_ batch: Batch, smoothing: Float = 0, average: Bool = false,
                     mode: ForwardMode) -> (loss: Tensor, tokens: Int) {
        let logits = logits(batch, mode: mode).logits
        let result = logits.crossEntropy(targets: batch.targetOutput, smoothing: smoothing,
                                         ignoreIndex: Vocabulary.padID, average: average)
        return (result.loss, result.count)
    }
}
