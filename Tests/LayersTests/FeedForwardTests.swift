import Autodiff
@testable import Layers
import TestSupport
import XCTest

final class FeedForwardTests: XCTestCase {
    /// FF(x) = max(0, x W₁ + b₁) W₂ + b₂, from its definition.
    func testForwardAgainstDefinition() {
        var generator = SeededGenerator(seed: 500)
        let ff = FeedForward(size: 2, innerSize: 3, using: &generator)
        let x = uniformTensor([2, 2], &generator)
        let w1 = ff.inner.weight.values, b1 = ff.inner.bias!.values, w2 = ff.outer.weight.values, b2 = ff.outer.bias!.values
        var expected: [Float] = []
        for r in 0..<2 {
            let hidden = (0..<3).map { j in max(0, (0..<2).reduce(b1[j]) { $0 + x.values[r * 2 + $1] * w1[$1 * 3 + j] }) }
            for c in 0..<2 { expected.append((0..<3).reduce(b2[c]) { $0 + hidden[$1] * w2[$1 * 2 + c] }) }
        }
        assertClose(ff(x, mode: .inference).values, expected, accuracy: 1e-6)
    }

    /// A pre-norm residual block around the feed-forward network: x + FF(LayerNorm(x)).
    func testGradientsThroughAPreNormResidualBlock() {
        var generator = SeededGenerator(seed: 501)
        let d = 4
        let ff = FeedForward(size: d, innerSize: 6, using: &generator)
        let norm = LayerNorm(d)
        let x = uniformTensor([3, d], in: -2...2, &generator)
        let project = Projection([3, d], seed: 502)
        assertGradientsMatch([x] + norm.parameters + ff.parameters, bound: 1e-3) {
            project(preNormResidual(x, norm: norm, mode: .trainingWithoutDropout) { ff($0, mode: .trainingWithoutDropout) })
        }
    }
}
