import Autodiff
import Layers

/// Source embeddings → (bi)LSTM stack. Produces the memory the decoder attends to.
public final class LSTMEncoder: Layer {
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
