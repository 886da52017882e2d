/// Inverted dropout: each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected value is unchanged and inference needs no rescaling.
extension Tensor {
    /// Identity when p = 0. Backward: dx += G ⊙ keep / (1 − p), with the same keep mask.
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        guard p > 0 else { return self }
        precondition(p < 1, "dropout probability \(p) must be below 1")
        let x = self
        let keepScale = 1 / (1 - p)
        let mask = Tensor(uninitialized: shape)
        for i in 0..<count { mask.data[i] = generator.nextUniform() >= p ? keepScale : 0 }
        let y = Tensor(uninitialized: shape)
        for i in 0..<count { y.data[i] = x.data[i] * mask.data[i] }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let dx = x.gradBuffer()
            for i in 0..<x.count { dx[i] += g[i] * mask.data[i] }
        }
        return y
    }

    /// Dropout as `mode` says: the training run's probability and masks, identity in inference.
    public func dropout(_ mode: ForwardMode) -> Tensor {
        guard case .training(let dropout) = mode, dropout.probability > 0 else { return self }
        return self.dropout(dropout.probability, using: &dropout.generator)
    }
}

/// What a forward pass is for, stated by its caller: training (with the run's dropout) or
/// inference (every unit kept, nothing drawn). Whether gradients are recorded is a separate
/// matter: that is whether the parameters are on a `Tape`.
public enum ForwardMode {
    case inference
    case training(Dropout)

    /// Training without dropout (gradient checks, tests, dropout 0 configurations).
    public static var trainingWithoutDropout: ForwardMode { .training(Dropout(probability: 0)) }
}

/// The dropout of a training pass: the probability p and the generator its masks are drawn from,
/// advanced by every mask (a class, so that the layers of one pass share one stream).
public final class Dropout {
    public let probability: Float
    public var generator: SeededGenerator

    public init(probability: Float, generator: SeededGenerator = SeededGenerator(seed: 0)) {
        self.probability = probability
        self.generator = generator
    }
}
