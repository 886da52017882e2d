import Autodiff
import Layers

/// Source embeddings → (bi)LSTM stack. Produces the memory the decoder attends to.
public final class Encoder: Layer {
    public let embedding: Embedding
    public let recurrent: RecurrentEncoder

    init(_ config: ModelConfiguration, using generator: inout SeededGenerator) {
        embedding = Embedding(vocabularySize: config.sourceVocabularySize, dimension: config.embeddingSize, using: &generator)
        recurrent = RecurrentEncoder(inputSize: config.embeddingSize, hiddenSize: config.encoderHiddenSize,
                                     layers: config.encoderLayers, bidirectional: config.bidirectional, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        embedding.parameters(prefixed: "embedding") + recurrent.parameters(prefixed: "lstm")
    }

    /// ids: [S·B] time-major → memory [S·B, M], final states [B, M] (see RecurrentEncoder).
    func callAsFunction(_ ids: [Int32], layout: SequenceLayout, mode: ForwardMode) -> (memory: Tensor, hidden: Tensor, cell: Tensor) {
        let embedded = embedding(ids).dropout(mode)
        return recurrent(embedded, layout: layout, mode: mode)
    }
}

/// Decoder initial state from the encoder's final states:
/// s₀ = tanh(W_h [h→_last; h←_first] + b_h), c₀ = tanh(W_c [c→_last; c←_first] + b_c).
public final class Bridge: Layer {
    public let hidden: Linear
    public let cell: Linear

    init(_ config: ModelConfiguration, using generator: inout SeededGenerator) {
        hidden = Linear(config.memorySize, config.decoderHiddenSize, using: &generator)
        cell = Linear(config.memorySize, config.decoderHiddenSize, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        hidden.parameters(prefixed: "hidden") + cell.parameters(prefixed: "cell")
    }

    func callAsFunction(hidden h: Tensor, cell c: Tensor) -> DecoderState {
        DecoderState(hidden: hidden(h).tanh(), cell: cell(c).tanh())
    }
}

/// The decoder LSTM's (s, c), each [B, H].
public struct DecoderState {
    public var hidden: Tensor
    public var cell: Tensor
}
