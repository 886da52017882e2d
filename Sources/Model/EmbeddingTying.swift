/// Which matrices share one set of weights (`model.tie_embeddings`).
public enum EmbeddingTying: String, CaseIterable, Codable, Sendable {
    /// Source embedding, target embedding and output projection each have their own.
    case none
    /// The output projection is the target embedding matrix E [V, d]: logits = x·Eᵀ + b
    /// (Press & Wolf, 2017).
    case target
    /// One matrix for all three: the source embedding is the target embedding, which is also the
    /// output projection. Needs one vocabulary for both languages.
    case all

    /// Whether the output projection is the target embedding.
    public var tiesOutput: Bool { self != .none }
}
