@testable import Autodiff
import Foundation
import TestSupport
import XCTest

final class SoftmaxTests: XCTestCase {

    func testKnownAnswer() {
        let y = Tensor(shape: [1, 3], values: [1, 2, 3]).softmax()
        let total = Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(3.0)
        assertClose(y.values, [1, 2, 3].map { Float(Foundation.exp($0) / total) }, accuracy: 1e-6)
        // Shifting a row does not change it, and large logits do not overflow.
        let shifted = Tensor(shape: [1, 3], values: [1001, 1002, 1003]).softmax()
        assertClose(shifted.values, y.values, accuracy: 1e-6)
    }

    /// Masked positions are exactly 0, allowed ones sum to 1 per row, and a row with no allowed
    /// position is all zeros (not NaN).
    func testMaskedForward() {
        let x = Tensor(shape: [3, 4], values: [1, 2, 3, 4,  0.5, -1, 7, 2,  3, 3, 3, 3])
        let mask: [Float] = [1, 1, 0, 1,  0, 1, 0, 1,  0, 0, 0, 0]
        let y = x.softmax(mask: mask).values
        for i in 0..<12 where mask[i] == 0 { XCTAssertEqual(y[i], 0, "position \(i)") }
        XCTAssertEqual(y[0] + y[1] + y[3], 1, accuracy: 1e-6)
        XCTAssertEqual(y[5] + y[7], 1, accuracy: 1e-6)
        // Row 0 is the softmax of [1, 2, 4]; row 1 of [−1, 2].
        let total0 = Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(4.0)
        assertClose([y[0], y[1], y[3]], [1, 2, 4].map { Float(Foundation.exp($0) / total0) }, accuracy: 1e-6)
        XCTAssertEqual(y[5], Float(1 / (1 + Foundation.exp(3.0))), accuracy: 1e-6)
        XCTAssertEqual(Array(y[8..<12]), [0, 0, 0, 0])
    }

    func testGradientWithoutMask() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 70)
        let x = uniformTensor([3, 5], in: -2...2, &generator)
        let project = Projection([3, 5], seed: 71)
        assertGradientsMatch([x], bound: bound) { project(x.softmax()) }
    }

    func testGradientWithMask() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 72)
        let x = uniformTensor([3, 5], in: -2...2, &generator)
        let mask: [Float] = [1, 1, 1, 0, 0,  1, 0, 1, 0, 1,  0, 0, 0, 0, 1]
        let project = Projection([3, 5], seed: 73)
        assertGradientsMatch([x], bound: bound) { project(x.softmax(mask: mask)) }
        // Masked logits do not influence anything: exactly zero gradient. The last row has one
        // allowed position (weight 1 whatever its logit), so its whole gradient is zero too.
        let dx = x.gradient!
        for i in 0..<15 where mask[i] == 0 || i >= 10 { XCTAssertEqual(dx[i], 0, "position \(i)") }
    }
}
