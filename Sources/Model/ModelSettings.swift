import Layers
import YAMLConfiguration

/// `model:` — the sizes and choices of the encoder–decoder, less the vocabulary sizes, which
/// are known only once the data is read; `ModelConfiguration` adds those. The defaults are
/// the reference configuration of the PyTorch peer (../shared/peers/torch_s2s.py); the limits
/// are `ModelConfiguration`'s.
public struct ModelSettings: Equatable, Sendable {
    /// The Transformer's model width d too.
    public var embeddingSize = 256
    /// Per direction.
    public var encoderHiddenSize = 256
    public var encoderLayers = 1
    public var bidirectional = true
    public var decoderHiddenSize = 512
    public var attention = AttentionScore.additive
    /// Heads of the recurrent decoder's attention; 1 is single-head attention on the states.
    public var attentionHeads = 1
    /// Width of the additive attention's hidden layer (all heads together).
    public var attentionSize = 512
    /// Width of tanh(W_o [s; c; E y]) before the vocabulary projection.
    public var preOutputSize = 512
    public var dropout: Float = 0.3
    /// Which of source embedding, target embedding and output projection share weights (a tied
    /// output needs preOutputSize == embeddingSize in the recurrent model).
    public var tieEmbeddings = EmbeddingTying.none
    public var architecture = ModelArchitecture.rnn
    /// Transformer only: layers of the encoder stack and of the decoder stack.
    public var transformerLayers = 3
    /// Transformer only: heads of every self- and cross-attention.
    public var transformerHeads = 4
    /// Transformer only: hidden width of the position-wise feed-forward blocks.
    public var feedForwardSize = 1024

    public init() {}

    /// Width of the encoder states the decoder attends to: 2 × encoder_hidden_size when
    /// bidirectional.
    public var memorySize: Int { encoderHiddenSize * (bidirectional ? 2 : 1) }

    /// The model these settings describe, for the given vocabulary sizes.
    public func modelConfiguration(sourceVocabularySize: Int, targetVocabularySize: Int) -> ModelConfiguration {
        ModelConfiguration(sourceVocabularySize: sourceVocabularySize, targetVocabularySize: targetVocabularySize,
                           settings: self)
    }
}

extension ModelSettings: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        let width = ModelConfiguration.maximumWidth
        let maximumHeads = ModelConfiguration.maximumHeads
        return [
            .key("embedding_size", \.embeddingSize, .size(maximum: width),
                 doc: "width of the source and target word embeddings, and the Transformer's model width; a positive integer, at most \(width)"),
            .key("encoder_hidden_size", \.encoderHiddenSize, .size(maximum: width),
                 doc: "LSTM state width per encoder direction; a positive integer, at most \(width)"),
            .key("encoder_layers", \.encoderLayers, .size(maximum: ModelConfiguration.maximumEncoderLayers),
                 doc: "stacked encoder LSTM layers; a positive integer, at most \(ModelConfiguration.maximumEncoderLayers)"),
            .key("bidirectional", \.bidirectional,
                 doc: "true: a forward and a backward LSTM, so encoder states are 2 × encoder_hidden_size wide"),
            .key("decoder_hidden_size", \.decoderHiddenSize, .size(maximum: width),
                 doc: "decoder LSTM state width; a positive integer, at most \(width). Must equal the encoder state width (2 × encoder_hidden_size when bidirectional) for dot and scaled_dot"),
            // dot and scaled_dot score sᵀh directly, so the decoder state s and the encoder state h
            // must have the same width.
            .key("attention", \.attention, also: { model in
                guard model.architecture == .rnn, model.attention == .dot || model.attention == .scaledDot else { return nil }
                let memory = model.bidirectional ? "2 × encoder_hidden_size = \(model.memorySize)" : "encoder_hidden_size = \(model.memorySize)"
                return complaint(unless: model.decoderHiddenSize == model.memorySize,
                                 "\(model.attention.rawValue) attention needs decoder_hidden_size (\(model.decoderHiddenSize)) "
                                     + "equal to the encoder state size (\(memory)); use additive or general, or make the sizes equal")
            }, doc: "attention score: additive (Bahdanau, vᵀ tanh(W_q s + W_k h)), dot (sᵀh), general (sᵀ W h, Luong) or scaled_dot (sᵀh / √d)"),
            // Each head takes an equal share of the memory width (its values) and of the score
            // width (attention_size for additive, the memory width for the others).
            .key("attention_heads", \.attentionHeads, .size(maximum: maximumHeads), also: { model in
                let scoreWidth = model.attention == .additive ? model.attentionSize : model.memorySize
                return complaint(unless: model.memorySize % model.attentionHeads == 0 && scoreWidth % model.attentionHeads == 0,
                                 "\(model.attentionHeads) heads must divide the encoder state size (\(model.memorySize))"
                                     + (model.attention == .additive ? " and attention_size (\(model.attentionSize))" : ""))
            }, doc: "rnn: heads of the decoder's attention, each with its own projections of state and memory, their contexts concatenated and projected; 1 = attention on the states themselves; at most \(maximumHeads)"),
            .key("attention_size", \.attentionSize, .size(maximum: width),
                 doc: "hidden width of the additive attention (all heads together); a positive integer, at most \(width); unused by the other scores"),
            .key("pre_output_size", \.preOutputSize, .size(maximum: width),
                 doc: "width of tanh(W_o [s; c; E y]) before the vocabulary projection; a positive integer, at most \(width)"),
            .key("dropout", \.dropout, .fraction,
                 doc: "dropout probability on embeddings and the pre-output layer; at least 0 and less than 1"),
            // The tied output projection is the target embedding matrix: [vocabulary, embedding].
            .key("tie_embeddings", \.tieEmbeddings,
                 also: { complaint(unless: !$0.tieEmbeddings.tiesOutput || $0.architecture == .transformer || $0.preOutputSize == $0.embeddingSize,
                                   "\($0.tieEmbeddings.rawValue) needs pre_output_size (\($0.preOutputSize)) equal to embedding_size (\($0.embeddingSize))") },
                 doc: "none; target (the output projection reuses the target embedding matrix); all (one matrix for source embedding, target embedding and output: needs segmentation.share_vocabulary); rnn: target and all need pre_output_size = embedding_size"),
            // The Transformer scores with scaled dot products only.
            .key("architecture", \.architecture, also: { model in
                complaint(unless: model.architecture == .rnn || model.attention == .scaledDot,
                          "transformer needs attention: scaled_dot (found \(model.attention.rawValue))")
            }, doc: "rnn (bidirectional LSTM encoder, attentional LSTM decoder) or transformer (pre-norm self-attention stacks; set attention: scaled_dot)"),
            .key("transformer_layers", \.transformerLayers, .size(maximum: ModelConfiguration.maximumEncoderLayers),
                 doc: "transformer: layers of the encoder stack and of the decoder stack; a positive integer, at most \(ModelConfiguration.maximumEncoderLayers)"),
            .key("transformer_heads", \.transformerHeads, .size(maximum: maximumHeads), also: { model in
                complaint(unless: model.architecture == .rnn || model.embeddingSize % model.transformerHeads == 0,
                          "\(model.transformerHeads) heads must divide embedding_size (\(model.embeddingSize))")
            }, doc: "transformer: heads of each self- and cross-attention, each embedding_size / heads wide; at most \(maximumHeads)"),
            .key("feed_forward_size", \.feedForwardSize, .size(maximum: width),
                 doc: "transformer: hidden width of the position-wise feed-forward blocks; a positive integer, at most \(width)"),
        ]
    }
}

extension AttentionScore: ConfigurationValue {}
extension ModelArchitecture: ConfigurationValue {}
extension EmbeddingTying: ConfigurationValue {}
