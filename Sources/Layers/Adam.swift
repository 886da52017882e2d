import Autodiff
import Foundation

/// Adam (Kingma & Ba, 2015) with bias correction and L2 weight decay λ:
///   g ← s·∇ + λp,  m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  p ← p − lr · m̂ / (√v̂ + ε)
/// with s the clipping scale, m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The decay enters the gradient, as
/// in PyTorch's `Adam(weight_decay=λ)`, so Adam's scaling applies to it too (AdamW would
/// subtract lr·λp from p instead). Moments are tensors named after their parameter, so a
/// checkpoint stores them like weights.
public final class Adam {
    public let parameters: [(name: String, tensor: Tensor)]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float
    public let weightDecay: Float
    public private(set) var step = 0
    public let firstMoments: [Tensor]
    public let secondMoments: [Tensor]

    public init(parameters: [(name: String, tensor: Tensor)], learningRate: Float = 1e-3,
                beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoments = parameters.map { Tensor(zeros: $0.tensor.shape) }
        secondMoments = parameters.map { Tensor(zeros: $0.tensor.shape) }
    }

    /// Applies one update from the accumulated gradients times `gradientScale` (gradient
    /// clipping's factor), and zeroes the gradients in the same pass.
    public func update(gradientScale: Float = 1) {
        step += 1
        let correction1 = 1 - Foundation.pow(beta1, Float(step))
        let correction2 = 1 - Foundation.pow(beta2, Float(step))
        let stepSize = learningRate / correction1
        let (b1, b2, eps, decay, gradientScale) = (beta1, beta2, epsilon, weightDecay, gradientScale)
        let inverseRoot2 = 1 / correction2.squareRoot()
        for (index, parameter) in parameters.enumerated() {
            let p = parameter.tensor
            guard let g = p.grad else { continue }
            let m = firstMoments[index].data, v = secondMoments[index].data, w = p.data
            // Sixteen elements at a time: the compiler cannot prove the four buffers apart, so a
            // plain loop stays scalar (and its square root and division made Adam compute-bound).
            Parallel.forEachChunk(p.count) { range in
                var i = range.lowerBound
                while i < range.upperBound {
                    let width = min(16, range.upperBound - i)
                    let wi = FastMath.load16(w + i, width), mi = FastMath.load16(m + i, width), vi = FastMath.load16(v + i, width)
                    let gi = FastMath.load16(g + i, width) * gradientScale + decay * wi
                    let newM = b1 * mi + (1 - b1) * gi
                    let newV = b2 * vi + (1 - b2) * gi * gi
                    FastMath.store16(newM, m + i, width)
                    FastMath.store16(newV, v + i, width)
                    FastMath.store16(wi - stepSize * newM / (newV.squareRoot() * inverseRoot2 + eps), w + i, width)
                    FastMath.store16(.zero, g + i, width)
                    i += width
                }
            }
        }
    }

    /// Restores the update count (checkpoint resume); moments are restored through their tensors.
    public func restore(step: Int) { self.step = step }
}

