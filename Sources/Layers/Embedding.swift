import Autodiff

/// A lookup table [vocabularySize, dimension]: ids → rows.
public final class Embedding: Layer {
    public let weight: Tensor

    /// N(0, 1), as PyTorch and OpenNMT start embeddings: a smaller start leaves the LSTM gates
    /// almost no input signal early in training (docs/design/layers.md).
    /// `std` other than 1: the Transformer's d^−½, whose inputs are then scaled by √d.
    public init(vocabularySize: Int, dimension: Int, std: Float = 1, using generator: inout SeededGenerator) {
        weight = Initializer.normal([vocabularySize, dimension], std: std, using: &generator)
    }

    /// ids: N token ids → [N, dimension].
    public func callAsFunction(_ ids: [Int32]) -> Tensor { weight.gatherRows(ids) }

    public var dimension: Int { weight.columns }
    public var vocabularySize: Int { weight.rows }
    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }
}
