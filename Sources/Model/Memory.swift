import Autodiff
import Layers

/// What the decoder attends to: encoder outputs [S·B, M] (or their value projections, with
/// several heads), their keys [S·B, K] and the source mask [S·B]. The Transformer keeps one per
/// decoder layer: that layer's cross-attention keys and values.
public struct Memory {
    public var values: Tensor
    public var keys: Tensor
    public var mask: [Float]
    public var layout: SequenceLayout

    public init(values: Tensor, keys: Tensor, mask: [Float], layout: SequenceLayout) {
        self.values = values
        self.keys = keys
        self.mask = mask
        self.layout = layout
    }
}
