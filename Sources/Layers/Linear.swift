import Autodiff

/// y = x·W + b. x: [N, inputSize] → [N, outputSize]. W is stored [inputSize, outputSize].
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?

    /// Xavier-uniform weights, or U(±1/√inputSize) with `fanInScaled` (used for the vocabulary
    /// projection, whose fan-out is much larger than its fan-in).
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, fanInScaled: Bool = false,
                using generator: inout SeededGenerator) {
        weight = fanInScaled
            ? Initializer.fanInUniform([inputSize, outputSize], using: &generator)
            : Initializer.xavierUniform([inputSize, outputSize], using: &generator)
        self.bias = bias ? Initializer.zeros([outputSize]) : nil
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { Tensor.affine([(x, weight)], bias: bias) }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}

/// A projection of several inputs at once: y = Σᵢ xᵢ·Wᵢ + b, equal to a Linear on the
/// concatenation [x₁; x₂; …] without building it (W is stored as one block per input).
public final class MultiInputLinear: Layer {
    public let weights: [Tensor]
    public let bias: Tensor?

    public init(_ inputSizes: [Int], _ outputSize: Int, bias: Bool = true, using generator: inout SeededGenerator) {
        // Xavier over the whole concatenated fan-in, as for the equivalent single matrix.
        let limit = (6 / Float(inputSizes.reduce(0, +) + outputSize)).squareRoot()
        weights = inputSizes.map { Initializer.uniform([$0, outputSize], limit: limit, using: &generator) }
        self.bias = bias ? Initializer.zeros([outputSize]) : nil
    }

    public func callAsFunction(_ inputs: [Tensor], base: Tensor? = nil) -> Tensor {
        precondition(inputs.count == weights.count, "\(inputs.count) inputs for \(weights.count) weight blocks")
        return Tensor.affine(Array(zip(inputs, weights)), bias: bias, base: base)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        weights.enumerated().map { ("weight\($0.offset)", $0.element) } + (bias.map { [("bias", $0)] } ?? [])
    }
}
