@testable import Autodiff
import TestSupport
import XCTest

/// Dropout cannot go through `GradientCheck.check`: each of the checker's evaluations would draw
/// a new mask, so the numeric side would not see the mask of the analytic pass.
/// Instead: (1) the backward rule is compared with the mask the forward pass used, dx = G ⊙ keep/(1 − p);
/// (2) a central difference taken with the generator re-seeded for every
/// evaluation (so each evaluation draws the same mask); (3) the keep rate and the mean are
/// checked statistically.
final class DropoutTests: XCTestCase {

    func testBackwardUsesTheForwardMask() {
        let p: Float = 0.4
        var generator = SeededGenerator(seed: 80)
        let x = uniformTensor([4, 8], in: 0.5...1.5, &generator)  // never 0: y = 0 only when dropped
        let tape = Tape()
        tape.watch([x])
        let project = Projection([4, 8], seed: 81)
        let y = x.dropout(p, using: &generator)
        tape.backward(from: project(y))
        let xs = x.values, ys = y.values, r = project.weights.values, dx = x.gradient!
        var dropped = 0
        for i in 0..<x.count {
            let keep: Float = ys[i] == 0 ? 0 : 1
            dropped += ys[i] == 0 ? 1 : 0
            if keep == 1 { XCTAssertEqual(ys[i], xs[i] / (1 - p), accuracy: 1e-6) }
            XCTAssertEqual(dx[i], r[i] * keep / (1 - p), accuracy: 1e-6, "element \(i)")
        }
        XCTAssert(dropped > 0 && dropped < x.count, "a mask of \(dropped) drops out of \(x.count) checks nothing")
    }

    /// Finite differences with a fixed mask: the generator is re-seeded for each evaluation so
    /// each draws the same mask.
    func testCentralDifferenceWithFixedMask() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear given the mask, rounding error only
        let p: Float = 0.3, epsilon: Float = 1e-2
        var inputs = SeededGenerator(seed: 82)
        let x = uniformTensor([3, 5], &inputs)
        let tape = Tape()
        tape.watch([x])
        let project = Projection([3, 5], seed: 83)
        func loss() -> Tensor {
            var generator = SeededGenerator(seed: 84)
            return project(x.dropout(p, using: &generator).tanh())
        }
        tape.backward(from: loss())
        let analytic = x.gradient!
        var difference: Float = 0, scale: Float = 0
        for i in 0..<x.count {
            let original = x.data[i]
            x.data[i] = original + epsilon
            let plus = loss().scalar
            x.data[i] = original - epsilon
            let minus = loss().scalar
            x.data[i] = original
            tape.reset()
            let numeric = (plus - minus) / (2 * epsilon)
            difference += (numeric - analytic[i]) * (numeric - analytic[i])
            scale += numeric * numeric
        }
        XCTAssertGreaterThan(scale, 0)
        XCTAssertLessThan(difference.squareRoot() / scale.squareRoot(), bound)
    }

    /// Over 10⁵ elements the kept fraction is 1 − p and the mean is preserved. The bounds are
    /// about 5 standard deviations: keep rate σ = √(p(1−p)/n) ≈ 0.0015, mean σ = √(p/(1−p)/n) ≈ 0.002.
    func testKeepRateAndMeanPreservation() {
        let p: Float = 0.3, n = 100_000
        var generator = SeededGenerator(seed: 85)
        let ones = Tensor(shape: [n], repeating: 1, requiresGrad: true)
        let y = ones.dropout(p, using: &generator).values
        let kept = Float(y.filter { $0 != 0 }.count) / Float(n)
        let mean = y.reduce(0, +) / Float(n)
        XCTAssertEqual(kept, 1 - p, accuracy: 0.0075)
        XCTAssertEqual(mean, 1, accuracy: 0.01)
        XCTAssert(y.allSatisfy { $0 == 0 || $0 == 1 / (1 - p) })
    }

    /// The same seed gives the same mask; inference and p = 0 are the identity.
    func testDeterminismAndIdentityCases() {
        let x = Tensor(shape: [50], repeating: 2, requiresGrad: true)
        var first = SeededGenerator(seed: 86), second = SeededGenerator(seed: 86)
        XCTAssertEqual(x.dropout(0.5, using: &first).values, x.dropout(0.5, using: &second).values)
        XCTAssertEqual(first.stateWords, second.stateWords)
        var generator = SeededGenerator(seed: 87)
        let before = generator.stateWords
        XCTAssert(x.dropout(0, using: &generator) === x)
        XCTAssert(x.dropout(.inference) === x)
        XCTAssert(x.dropout(.trainingWithoutDropout) === x)
        XCTAssertEqual(generator.stateWords, before, "the identity cases draw no random numbers")
    }
}

extension DropoutTests {
    /// The mask of element i is word i of the lanes (`RandomLanes`) against p·2³², for lengths
    /// around the 16-element steps; the source generator advances by 8 draws per mask.
    func testMaskIsTheLanesWordsAgainstTheThreshold() {
        let p: Float = 0.25
        for n in [1, 15, 16, 17, 40] {
            var generator = SeededGenerator(seed: 92), copy = generator
            let x = Tensor(shape: [n], repeating: 3, requiresGrad: false)
            let y = x.dropout(p, using: &generator).values
            var lanes = RandomLanes(seededFrom: &copy)
            XCTAssertEqual(generator.stateWords, copy.stateWords)
            var words: [UInt32] = []
            while words.count < n { let w = lanes.nextWords(); words += (0..<16).map { w[$0] } }
            for i in 0..<n {
                XCTAssertEqual(y[i], words[i] >= 1 << 30 ? 3 * (1 / (1 - p)) : 0, "n \(n), element \(i)")
            }
        }
    }
}
