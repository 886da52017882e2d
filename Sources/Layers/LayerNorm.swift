import Autodiff

/// Layer normalization with a learned gain (starting at 1) and bias (starting at 0), over rows
/// of `size` features. x: [N, size] → [N, size].
public final class LayerNorm: Layer {
    public let gain: Tensor
    public let bias: Tensor

    public init(_ size: Int) {
        gain = Tensor(shape: [size], repeating: 1, requiresGrad: true)
        bias = Initializer.zeros([size])
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { x.layerNorm(gain: gain, bias: bias) }

    public var namedParameters: [(name: String, tensor: Tensor)] { [("gain", gain), ("bias", bias)] }
}
