@testable import Autodiff
import TestSupport
import XCTest

final class ShapeTests: XCTestCase {

    func testKnownAnswers() {
        let a = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 1], values: [5, 6])
        let joined = Tensor.concatColumns([a, b])
        XCTAssertEqual(joined.shape, [2, 3])
        XCTAssertEqual(joined.values, [1, 2, 5, 3, 4, 6])
        XCTAssertEqual(joined.sliceColumns(1..<3).values, [2, 5, 4, 6])
        let stacked = Tensor.stackRows([a, Tensor(shape: [1, 2], values: [7, 8])])
        XCTAssertEqual(stacked.shape, [3, 2])
        XCTAssertEqual(stacked.values, [1, 2, 3, 4, 7, 8])
        XCTAssertEqual(stacked.sliceRows(1..<3).values, [3, 4, 7, 8])
        let reshaped = joined.reshaped([3, 2])
        XCTAssertEqual(reshaped.shape, [3, 2])
        XCTAssertEqual(reshaped.values, joined.values)
    }

    func testConcatColumnsGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 30)
        let a = uniformTensor([2, 3], &generator), b = uniformTensor([2, 1], &generator)
        let c = uniformTensor([2, 2], &generator)
        let project = Projection([2, 6], seed: 31)
        assertGradientsMatch([a, b, c], bound: bound) { project(Tensor.concatColumns([a, b, c])) }
        // A part used twice gets both column blocks' gradients.
        let twice = Projection([2, 4], seed: 32)
        assertGradientsMatch([c], bound: bound) { twice(Tensor.concatColumns([c, c])) }
    }

    func testSliceColumnsGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 33)
        let x = uniformTensor([3, 5], &generator)
        let project = Projection([3, 2], seed: 34)
        assertGradientsMatch([x], bound: bound) { project(x.sliceColumns(2..<4)) }
        // Columns outside the slice get exactly zero.
        for r in 0..<3 { for c in [0, 1, 4] { XCTAssertEqual(x.gradient![r * 5 + c], 0) } }
    }

    func testStackRowsGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 35)
        let a = uniformTensor([2, 3], &generator), b = uniformTensor([1, 3], &generator)
        let c = uniformTensor([2, 3], &generator)
        let project = Projection([5, 3], seed: 36)
        assertGradientsMatch([a, b, c], bound: bound) { project(Tensor.stackRows([a, b, c])) }
    }

    func testSliceRowsGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 37)
        let x = uniformTensor([4, 3], &generator)
        let project = Projection([2, 3], seed: 38)
        assertGradientsMatch([x], bound: bound) { project(x.sliceRows(1..<3)) }
        XCTAssertEqual(Array(x.gradient![0..<3]), [0, 0, 0])
        XCTAssertEqual(Array(x.gradient![9..<12]), [0, 0, 0])
        // Slicing every time step and stacking them back is the identity, gradient included.
        let identity = Projection([4, 3], seed: 39)
        assertGradientsMatch([x], bound: bound) {
            identity(Tensor.stackRows((0..<4).map { x.sliceRows($0..<($0 + 1)) }))
        }
    }

    func testReshapedGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 40)
        let x = uniformTensor([2, 6], &generator)
        let project = Projection([3, 4], seed: 41)
        assertGradientsMatch([x], bound: bound) { project(x.reshaped([3, 4])) }
    }
}
