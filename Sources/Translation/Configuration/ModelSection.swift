import Layers

extension TrainingConfiguration {
    /// `model:` — the sizes and choices of `ModelConfiguration`, less the vocabulary sizes, which
    /// are known only once the data is read.
    public struct ModelSection: Codable, Equatable, Sendable {
        public var embeddingSize = 256
        public var encoderHiddenSize = 256
        public var encoderLayers = 1
        public var bidirectional = true
        public var decoderHiddenSize = 512
        public var attention = AttentionScore.additive
        /// Width of the additive attention's hidden layer.
        public var attentionSize = 512
        public var preOutputSize = 512
        public var dropout: Float = 0.3
        public var tieTargetEmbeddings = false

        enum CodingKeys: String, CodingKey, CaseIterable {
            case embeddingSize = "embedding_size"
            case encoderHiddenSize = "encoder_hidden_size"
            case encoderLayers = "encoder_layers"
            case bidirectional
            case decoderHiddenSize = "decoder_hidden_size"
            case attention
            case attentionSize = "attention_size"
            case preOutputSize = "pre_output_size"
            case dropout
            case tieTargetEmbeddings = "tie_target_embeddings"
        }

        public init() {}

        /// Width of the encoder states the decoder attends to: 2 × encoder_hidden_size when
        /// bidirectional.
        public var memorySize: Int { encoderHiddenSize * (bidirectional ? 2 : 1) }

        /// The model these settings describe, for the given vocabulary sizes.
        public func modelConfiguration(sourceVocabularySize: Int, targetVocabularySize: Int) -> ModelConfiguration {
            var model = ModelConfiguration(sourceVocabularySize: sourceVocabularySize,
                                           targetVocabularySize: targetVocabularySize)
            model.embeddingSize = embeddingSize
            model.encoderHiddenSize = encoderHiddenSize
            model.encoderLayers = encoderLayers
            model.bidirectional = bidirectional
            model.decoderHiddenSize = decoderHiddenSize
            model.attention = attention
            model.attentionSize = attentionSize
            model.preOutputSize = preOutputSize
            model.dropout = dropout
            model.tieTargetEmbeddings = tieTargetEmbeddings
            return model
        }
    }
}

extension TrainingConfiguration.ModelSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.embeddingSize, into: &embeddingSize)
        try reader.read(.encoderHiddenSize, into: &encoderHiddenSize)
        try reader.read(.encoderLayers, into: &encoderLayers)
        try reader.read(.bidirectional, into: &bidirectional)
        try reader.read(.decoderHiddenSize, into: &decoderHiddenSize)
        try reader.read(.attention, into: &attention)
        try reader.read(.attentionSize, into: &attentionSize)
        try reader.read(.preOutputSize, into: &preOutputSize)
        try reader.read(.dropout, into: &dropout)
        try reader.read(.tieTargetEmbeddings, into: &tieTargetEmbeddings)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        let width = ModelConfiguration.maximumWidth
        checks.size(embeddingSize, .embeddingSize, maximum: width)
        checks.size(encoderHiddenSize, .encoderHiddenSize, maximum: width)
        checks.size(encoderLayers, .encoderLayers, maximum: ModelConfiguration.maximumEncoderLayers)
        checks.size(decoderHiddenSize, .decoderHiddenSize, maximum: width)
        checks.size(attentionSize, .attentionSize, maximum: width)
        checks.size(preOutputSize, .preOutputSize, maximum: width)
        checks.fraction(dropout, .dropout)
        // dot and scaled_dot score sᵀh directly, so the decoder state s and the encoder state h
        // must have the same width.
        if attention == .dot || attention == .scaledDot {
            let memory = bidirectional ? "2 × encoder_hidden_size = \(memorySize)" : "encoder_hidden_size = \(memorySize)"
            checks.require(decoderHiddenSize == memorySize, .attention,
                           "\(attention.rawValue) attention needs decoder_hidden_size (\(decoderHiddenSize)) "
                               + "equal to the encoder state size (\(memory)); use additive or general, "
                               + "or make the sizes equal")
        }
        // The tied output projection is the target embedding matrix: [vocabulary, embedding].
        checks.require(!tieTargetEmbeddings || preOutputSize == embeddingSize, .tieTargetEmbeddings,
                       "needs pre_output_size (\(preOutputSize)) equal to embedding_size (\(embeddingSize))")
        return checks
    }
}
