import Autodiff

/// A lookup table [vocabularySize, dimension]: ids → rows.
public final class Embedding: Layer {
    public let weight: Tensor

    /// N(0, 1/√dimension)-scaled normal init, as for embeddings feeding recurrent layers.
    public init(vocabularySize: Int, dimension: Int, using generator: inout SeededGenerator) {
        weight = Initializer.normal([vocabularySize, dimension], std: 1 / Float(dimension).squareRoot(), using: &generator)
    }

    /// ids: N token ids → [N, dimension].
    public func callAsFunction(_ ids: [Int32]) -> Tensor { weight.gatherRows(ids) }

    public var dimension: Int { weight.columns }
    public var vocabularySize: Int { weight.rows }
    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }
}
