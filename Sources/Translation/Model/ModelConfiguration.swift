import Layers

/// Sizes and choices of the encoder–decoder. Defaults are the reference configuration of the
/// PyTorch peer (../shared/peers/torch_s2s.py).
public struct ModelConfiguration: Codable, Equatable, Sendable {
    public var sourceVocabularySize: Int
    public var targetVocabularySize: Int
    public var embeddingSize = 256
    public var encoderHiddenSize = 256
    public var encoderLayers = 1
    public var bidirectional = true
    public var decoderHiddenSize = 512
    public var attention: AttentionScore = .additive
    public var attentionSize = 512
    /// Width of tanh(W_o [s; c; E y]) before the vocabulary projection.
    public var preOutputSize = 512
    public var dropout: Float = 0.3
    /// Share the target embedding matrix with the output projection (needs preOutputSize ==
    /// embeddingSize).
    public var tieTargetEmbeddings = false

    public init(sourceVocabularySize: Int, targetVocabularySize: Int) {
        self.sourceVocabularySize = sourceVocabularySize
        self.targetVocabularySize = targetVocabularySize
    }

    public var memorySize: Int { encoderHiddenSize * (bidirectional ? 2 : 1) }
}
