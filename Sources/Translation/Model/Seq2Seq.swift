import Autodiff
import Layers

/// Padded, time-major ids of a batch of sentence pairs, as the model consumes them.
/// source: [S·B] (row t·B + b), ending in </s>; targetInput: [T·B] `<s> y₁ … y_n`;
/// targetOutput: [T·B] `y₁ … y_n </s>`; padding id 0 after each sentence's length.
public struct TranslationBatch {
    public var source: [Int32]
    public var sourceLengths: [Int]
    public var targetInput: [Int32]
    public var targetOutput: [Int32]
    public var targetSteps: Int

    public init(source: [Int32], sourceLengths: [Int], targetInput: [Int32], targetOutput: [Int32], targetSteps: Int) {
        self.source = source
        self.sourceLengths = sourceLengths
        self.targetInput = targetInput
        self.targetOutput = targetOutput
        self.targetSteps = targetSteps
    }

    public var size: Int { sourceLengths.count }
    public var sourceLayout: SequenceLayout { SequenceLayout(lengths: sourceLengths, steps: source.count / max(size, 1)) }
}

/// Ids the whole project agrees on (the vocabulary puts these first).
public enum SpecialTokens {
    public static let pad: Int32 = 0
    public static let bos: Int32 = 1
    public static let eos: Int32 = 2
    public static let unk: Int32 = 3
}

/// The encoder–decoder with attention, of either architecture (`model.architecture`): what
/// training, checkpoints and search work with. The architecture decides the networks; the
/// loss, the parameter list and the search interface (`decodingSession`) are the same.
public final class Seq2Seq: Layer {
    /// The networks of one architecture.
    public enum Architecture {
        /// Bidirectional LSTM encoder, bridge, attentional LSTM decoder.
        case recurrent(encoder: Encoder, bridge: Bridge, decoder: Decoder)
        case transformer(Transformer)
    }

    public let config: ModelConfiguration
    public let architecture: Architecture

    public init(_ config: ModelConfiguration, seed: UInt64) {
        self.config = config
        var generator = SeededGenerator(seed: seed)
        switch config.architecture {
        case .rnn:
            let encoder = Encoder(config, using: &generator)
            let bridge = Bridge(config, using: &generator)
            let decoder = Decoder(config, using: &generator)
            architecture = .recurrent(encoder: encoder, bridge: bridge, decoder: decoder)
        case .transformer:
            architecture = .transformer(Transformer(config, using: &generator))
        }
    }

    /// The recurrent model's parts; only for `architecture: rnn`.
    public var encoder: Encoder { recurrent.encoder }
    public var bridge: Bridge { recurrent.bridge }
    public var decoder: Decoder { recurrent.decoder }

    private var recurrent: (encoder: Encoder, bridge: Bridge, decoder: Decoder) {
        guard case .recurrent(let encoder, let bridge, let decoder) = architecture else {
            preconditionFailure("the recurrent parts of a \(config.architecture.rawValue) model")
        }
        return (encoder, bridge, decoder)
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
    public func logits(_ batch: TranslationBatch, mode: ForwardMode,
                       keepAttention: Bool = false) -> (logits: Tensor, attention: [Tensor]) {
        switch architecture {
        case .recurrent(_, _, let decoder):
            let (memory, state) = encode(batch.source, layout: batch.sourceLayout, mode: mode)
            return decoder(batch.targetInput, steps: batch.targetSteps, initial: state, memory: memory,
                           mode: mode, keepAttention: keepAttention)
        case .transformer(let transformer):
            return transformer.logits(batch, mode: mode, keepAttention: keepAttention)
        }
    }

    /// Label-smoothed cross entropy over the real target tokens: summed, or averaged per token.
    /// `mode` says whether dropout applies; gradients are recorded when the parameters are on a
    /// tape (`Tape.recording(model.parameters) { model.loss(…) }`).
    public func loss(_ batch: TranslationBatch, smoothing: Float = 0, average: Bool = false,
                     mode: ForwardMode) -> (loss: Tensor, tokens: Int) {
        let logits = logits(batch, mode: mode).logits
        let result = logits.crossEntropy(targets: batch.targetOutput, smoothing: smoothing,
                                         ignoreIndex: SpecialTokens.pad, average: average)
        return (result.loss, result.count)
    }
}
