@testable import Autodiff
import TestSupport
import XCTest

final class ReductionTests: XCTestCase {

    func testKnownAnswers() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, -3])
        XCTAssertEqual(x.sum().shape, [1])
        XCTAssertEqual(x.sum().scalar, 12)
        XCTAssertEqual(x.mean().scalar, 2)
    }

    /// The sum accumulates in Double: 10⁶ additions of 0.1 stay at 10⁵ to Float precision.
    func testSumOfManySmallValuesKeepsPrecision() {
        let x = Tensor(shape: [1_000_000], repeating: 0.1)
        XCTAssertEqual(x.sum().scalar, 100_000, accuracy: 0.01)
    }

    func testGradients() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 50)
        let x = uniformTensor([3, 4], &generator)
        // sum and mean of a nonlinear function, so the reduction's G is not the only factor.
        assertGradientsMatch([x], bound: bound) { (x * x).sum() }
        assertGradientsMatch([x], bound: bound) { (x * x).mean() }
        // Linear case exactly: d mean / dx = 1/n.
        x.zeroGrad()
        let tape = Tape()
        tape.backward(from: tape.recording([x]) { x.mean() })
        XCTAssertEqual(x.gradient!, [Float](repeating: 1 / 12, count: 12))
    }
}
