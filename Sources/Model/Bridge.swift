import Autodiff
import Layers

/// Decoder initial state from the encoder's final states:
/// s₀ = tanh(W_h [h→_last; h←_first] + b_h), c₀ = tanh(W_c [c→_last; c←_first] + b_c).
public final class Bridge: Layer {
    public let hidden: Linear
    public let cell: Linear

    init(_ config: ModelConfiguration, using generator: inout SeededGenerator) {
        hidden = Linear(config.memorySize, config.decoderHiddenSize, using: &generator)
        cell = Linear(config.memorySize, config.decoderHiddenSize, using: &generator)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        hidden.parameters(prefixed: "hidden") + cell.parameters(prefixed: "cell")
    }

    func callAsFunction(hidden h: Tensor, cell c: Tensor) -> DecoderState {
        DecoderState(hidden: hidden(h).tanh(), cell: cell(c).tanh())
    }
}

/// The decoder LSTM's (s, c), each [B, H].
public struct DecoderState {
    public var hidden: Tensor
    public var cell: Tensor

    public init(hidden: Tensor, cell: Tensor) {
        self.hidden = hidden
        self.cell = cell
    }
}
