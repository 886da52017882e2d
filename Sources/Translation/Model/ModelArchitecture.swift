/// The networks an encoder–decoder is built from (`model.architecture`).
public enum ModelArchitecture: String, CaseIterable, Codable, Sendable {
    /// Bidirectional LSTM encoder, bridge, attentional LSTM decoder (Bahdanau et al., 2015).
    case rnn
    /// Pre-norm self-attention encoder and decoder stacks (Vaswani et al., 2017).
    case transformer
}
