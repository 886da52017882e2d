@testable import Autodiff
import TestSupport
import XCTest

final class GatherTests: XCTestCase {

    func testKnownAnswer() {
        let table = Tensor(shape: [3, 2], values: [0, 1, 10, 11, 20, 21])
        let y = table.gatherRows([2, 0, 2])
        XCTAssertEqual(y.shape, [3, 2])
        XCTAssertEqual(y.values, [20, 21, 0, 1, 20, 21])
    }

    /// Repeated indices: a row looked up several times receives the sum of all its gradients.
    func testGradientWithRepeatedIndices() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: linear loss, rounding error only
        var generator = SeededGenerator(seed: 60)
        let table = uniformTensor([5, 3], &generator)
        let indices: [Int32] = [1, 3, 1, 0, 1]
        let project = Projection([5, 3], seed: 61)
        assertGradientsMatch([table], bound: bound) { project(table.gatherRows(indices)) }
        // Exactly: row 1 gets R₀ + R₂ + R₄, row 4 (never used) nothing.
        let r = project.weights.values, dt = table.gradient!
        for c in 0..<3 {
            XCTAssertEqual(dt[1 * 3 + c], r[0 * 3 + c] + r[2 * 3 + c] + r[4 * 3 + c], accuracy: 1e-6)
            XCTAssertEqual(dt[3 * 3 + c], r[1 * 3 + c])
            XCTAssertEqual(dt[4 * 3 + c], 0)
        }
    }
}
