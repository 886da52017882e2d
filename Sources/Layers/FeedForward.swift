import Autodiff

/// The Transformer's position-wise feed-forward block: the same two-layer network on every row,
/// FF(x) = max(0, x W₁ + b₁) W₂ + b₂, with dropout on the hidden layer.
/// x: [N, d] → [N, d]; the hidden layer is [N, innerSize].
public final class FeedForward: Layer {
    public let inner: Linear
    public let outer: Linear

    public init(size d: Int, innerSize: Int, using generator: inout SeededGenerator) {
        inner = Linear(d, innerSize, using: &generator)
        outer = Linear(innerSize, d, using: &generator)
    }

    public func callAsFunction(_ x: Tensor, mode: ForwardMode) -> Tensor {
        outer(inner(x).relu().dropout(mode))
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        inner.parameters(prefixed: "inner") + outer.parameters(prefixed: "outer")
    }
}

/// A pre-norm residual connection (Wang et al., 2019; the layout of most current Transformers):
/// x + dropout(sublayer(LayerNorm(x))). The sum keeps an unnormalized path from input to
/// output through every layer, which is why deep pre-norm stacks train without warm-up tricks.
public func preNormResidual(_ x: Tensor, norm: LayerNorm, mode: ForwardMode, _ sublayer: (Tensor) -> Tensor) -> Tensor {
    x + sublayer(norm(x)).dropout(mode)
}
