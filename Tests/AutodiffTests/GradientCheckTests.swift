@testable import Autodiff
import TestSupport
import XCTest

/// The checker must catch a wrong backward rule, not just pass correct ones.
final class GradientCheckTests: XCTestCase {

    /// y = 2x with a backward rule claiming dy/dx = 3: relative error |3 − 2| / (3 + 2) = 0.2.
    func testDetectsAWrongBackwardRule() {
        func doubledWithWrongGradient(_ x: Tensor) -> Tensor {
            let y = Tensor(uninitialized: x.shape)
            for i in 0..<x.count { y.data[i] = 2 * x.data[i] }
            Tape.record(y, inputs: [x]) {
                guard let g = y.grad else { return }
                let dx = x.gradBuffer()
                for i in 0..<x.count { dx[i] += 3 * g[i] }
            }
            return y
        }
        var generator = SeededGenerator(seed: 130)
        let x = uniformTensor([2, 3], &generator)
        let project = Projection([2, 3], seed: 131)
        let wrong = GradientCheck.check([x]) { project(doubledWithWrongGradient(x)) }
        XCTAssertEqual(wrong.worst, 0.2, accuracy: 1e-3)
        let right = GradientCheck.check([x]) { project(x.scaled(by: 2)) }
        XCTAssertLessThan(right.worst, 1e-3)
    }

    /// Probing leaves the inputs' values as they were, and subsamples large tensors.
    func testRestoresInputsAndSubsamples() {
        var generator = SeededGenerator(seed: 132)
        let x = uniformTensor([100, 10], &generator)
        let before = x.values
        var evaluations = 0
        let result = GradientCheck.check([x], maxElements: 50) {
            evaluations += 1
            return (x * x).sum()
        }
        XCTAssertEqual(x.values, before)
        XCTAssertEqual(evaluations, 1 + 2 * 50)  // one recorded pass, then ±ε at every 20th element
        XCTAssertLessThan(result.worst, 1e-2)
    }
}
