/// Inverted dropout: each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected value is unchanged and inference needs no rescaling.
extension Tensor {
    /// Identity when p = 0. Backward: dx += G ⊙ keep / (1 − p), with the same keep mask. The mask
    /// is not stored: the backward pass draws it again from a copy of the lanes' starting state.
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        guard p > 0 else { return self }
        precondition(p < 1, "dropout probability \(p) must be below 1")
        let x = self
        let y = Tensor(uninitialized: shape)
        let mask = DropoutMask(p, lanes: RandomLanes(seededFrom: &generator))
        mask.forEachBlock(count) { start, m, width in
            FastMath.store16(FastMath.load16(x.data + start, width) * m, y.data + start, width)
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let (dx, fresh) = x.gradBufferForOverwrite()
            mask.forEachBlock(x.count) { start, m, width in
                var sum = FastMath.load16(g + start, width) * m
                if !fresh { sum += FastMath.load16(dx + start, width) }
                FastMath.store16(sum, dx + start, width)
            }
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

/// The keep mask of one dropout call, 16 elements per step of `RandomLanes`: element i is kept
/// (value 1/(1 − p)) when its 32-bit word u is ≥ p·2³², which has probability 1 − p to within
/// 2⁻³², else dropped (0). A value type holding the lanes' starting state, so the forward and the
/// backward pass each draw the same mask from their own copy.
struct DropoutMask {
    let lanes: RandomLanes
    let threshold: SIMD16<UInt32>
    let kept: SIMD16<Float>

    init(_ p: Float, lanes: RandomLanes) {
        self.lanes = lanes
        threshold = SIMD16(repeating: UInt32(min((Double(p) * 4_294_967_296).rounded(), 4_294_967_295)))
        kept = SIMD16(repeating: 1 / (1 - p))
    }

    /// Calls body(start, mask of elements start..<start + 16, width) for each block of 16 of the
    /// first `count` elements; width < 16 only for the last block (its mask's first width lanes).
    @inline(__always)
    func forEachBlock(_ count: Int, _ body: (Int, SIMD16<Float>, Int) -> Void) {
        var lanes = lanes
        var start = 0
        while start < count {
            body(start, SIMD16<Float>.zero.replacing(with: kept, where: lanes.nextWords() .>= threshold), min(16, count - start))
            start += 16
        }
    }
}
