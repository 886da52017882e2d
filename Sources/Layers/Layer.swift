import Autodiff

/// Anything that owns trainable tensors. Names are dotted paths (`decoder.lstm.w_hidden`), the
/// keys under which optimizers keep their state and checkpoints store the weights.
public protocol Layer: AnyObject {
    var namedParameters: [(name: String, tensor: Tensor)] { get }
}

extension Layer {
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// This layer's parameters under `prefix.`: how a parent names its children's parameters.
    public func parameters(prefixed prefix: String) -> [(name: String, tensor: Tensor)] {
        namedParameters.map { (name: "\(prefix).\($0.name)", tensor: $0.tensor) }
    }
}
