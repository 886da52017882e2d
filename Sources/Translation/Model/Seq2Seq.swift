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

/// The encoder–decoder with attention.
public final class Seq2Seq: Layer {
    public let config: ModelConfiguration
    public let encoder: Encoder
    public let bridge: Bridge
    public let decoder: Decoder

    public init(_ config: ModelConfiguration, seed: UInt64) {
        self.config = config
        var generator = SeededGenerator(seed: seed)
        encoder = Encoder(config, using: &generator)
        bridge = Bridge(config, using: &generator)
        decoder = Decoder(config, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        encoder.parameters(prefixed: "encoder") + bridge.parameters(prefixed: "bridge") + decoder.parameters(prefixed: "decoder")
    }

    /// Source ids → the memory to attend to and the decoder's initial state.
    public func encode(_ source: [Int32], layout: SequenceLayout, mode: ForwardMode) -> (memory: Memory, state: DecoderState) {
        let encoded = encoder(source, layout: layout, mode: mode)
        let keys = decoder.attention.keys(for: encoded.memory)
        let memory = Memory(values: encoded.memory, keys: keys, mask: layout.mask, layout: layout)
        return (memory, bridge(hidden: encoded.hidden, cell: encoded.cell))
    }

    /// Teacher-forced logits [T·B, V] (and per-step attention weights if asked).
    public func logits(_ batch: TranslationBatch, mode: ForwardMode,
                       keepAttention: Bool = false) -> (logits: Tensor, attention: [Tensor]) {
        let (memory, state) = encode(batch.source, layout: batch.sourceLayout, mode: mode)
        return decoder(batch.targetInput, steps: batch.targetSteps, initial: state, memory: memory,
                       mode: mode, keepAttention: keepAttention)
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
