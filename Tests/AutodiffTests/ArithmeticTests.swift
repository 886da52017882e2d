@testable import Autodiff
import TestSupport
import XCTest

final class ArithmeticTests: XCTestCase {

    func testKnownAnswers() {
        let a = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 2], values: [10, 20, 30, 40])
        let row = Tensor(shape: [2], values: [100, 200])
        XCTAssertEqual((a + b).values, [11, 22, 33, 44])
        XCTAssertEqual((a - b).values, [-9, -18, -27, -36])
        XCTAssertEqual((a * b).values, [10, 40, 90, 160])
        XCTAssertEqual((a + row).values, [101, 202, 103, 204])
        XCTAssertEqual((a - row).values, [-99, -198, -97, -196])
        XCTAssertEqual((a * row).values, [100, 400, 300, 800])
        XCTAssertEqual(a.scaled(by: -0.5).values, [-0.5, -1, -1.5, -2])
    }

    /// A batch of one sentence: [1, n] with a row [n] (a bias) has equal counts but different
    /// shapes, and must broadcast like any other batch size.
    func testRowBroadcastOverASingleRow() {
        let a = Tensor(shape: [1, 3], values: [1, 2, 3])
        let row = Tensor(shape: [3], values: [10, 20, 30])
        XCTAssertEqual((a + row).values, [11, 22, 33])
        XCTAssertEqual((a + row).shape, [1, 3])
        XCTAssertEqual((a * row).values, [10, 40, 90])
    }

    func testGradientSameShape() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: at most bilinear, rounding error only
        var generator = SeededGenerator(seed: 10)
        let a = uniformTensor([3, 4], &generator), b = uniformTensor([3, 4], &generator)
        let project = Projection([3, 4], seed: 11)
        assertGradientsMatch([a, b], bound: bound) { project(a + b) }
        assertGradientsMatch([a, b], bound: bound) { project(a - b) }
        assertGradientsMatch([a, b], bound: bound) { project(a * b) }
    }

    /// b is one row broadcast over a's rows: db sums the gradient over the rows.
    func testGradientRowBroadcast() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: at most bilinear, rounding error only
        var generator = SeededGenerator(seed: 12)
        let a = uniformTensor([3, 4], &generator), row = uniformTensor([4], &generator)
        let project = Projection([3, 4], seed: 13)
        assertGradientsMatch([a, row], bound: bound) { project(a + row) }
        assertGradientsMatch([a, row], bound: bound) { project(a - row) }
        assertGradientsMatch([a, row], bound: bound) { project(a * row) }
        // And the single-row batch (equal counts, different shapes).
        let single = uniformTensor([1, 4], &generator)
        let projectSingle = Projection([1, 4], seed: 14)
        assertGradientsMatch([single, row], bound: bound) { projectSingle(single * row) }
    }

    func testGradientScaled() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 15)
        let x = uniformTensor([2, 5], &generator)
        let project = Projection([2, 5], seed: 16)
        assertGradientsMatch([x], bound: bound) { project(x.scaled(by: -1.7)) }
        // Exactly factor · R.
        XCTAssertEqual(x.gradient!, project.weights.values.map { -1.7 * $0 })
    }

    /// x − x and x · x: one tensor as both operands receives both operands' gradients.
    func testSameTensorAsBothOperands() {
        let tape = Tape()
        let x = Tensor(shape: [3], values: [1, -2, 3])
        tape.watch([x])
        tape.backward(from: (x * x).sum())
        XCTAssertEqual(x.gradient!, [2, -4, 6])
        x.zeroGrad()
        tape.backward(from: (x - x).sum())
        XCTAssertEqual(x.gradient!, [0, 0, 0])
    }
}
