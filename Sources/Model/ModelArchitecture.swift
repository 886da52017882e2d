/// The networks an encoder–decoder is built from (`model.architecture`).
public enum ModelArchitecture: String, CaseIterable, Codable, Sendable {
    /// Bidirectional LSTM encoder, bridge, attentional LSTM decoder (Bahdanau et al., 2015).
    case rnn
    /// Pre-norm self-attention encoder and decoder stacks (Vaswani et al., 2017).
    case transformer
}

extension ModelConfiguration {
    /// What a heat map of this model's attention shows, when it is not simply the one attention
    /// there is: the mean over the heads (and, in the Transformer, of the top decoder layer's
    /// cross-attention). Nil for single-head recurrent attention.
    public var attentionShown: String? {
        let model = settings
        switch model.architecture {
        case .transformer:
            return "cross-attention of decoder layer \(model.transformerLayers) of \(model.transformerLayers), mean over \(model.transformerHeads) heads"
        case .rnn:
            return model.attentionHeads > 1 ? "\(model.attention.rawValue) attention, mean over \(model.attentionHeads) heads" : nil
        }
    }
}
