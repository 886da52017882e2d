import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

final class LSTMCellTests: XCTestCase {

    /// The fused cell against a direct scalar computation with Foundation's exp and tanh.
    func testForwardAgainstScalarComputation() {
        let (b, h) = (2, 3)
        var generator = SeededGenerator(seed: 90)
        let gates = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let previousCell = uniformTensor([b, h], &generator)
        let (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: previousCell)
        func sigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }
        let a = gates.values, cp = previousCell.values
        var expectedHidden: [Float] = [], expectedCell: [Float] = []
        for r in 0..<b {
            for j in 0..<h {
                let row = r * 4 * h
                let i = sigmoid(a[row + j]), f = sigmoid(a[row + h + j])
                let g = Foundation.tanh(a[row + 2 * h + j]), o = sigmoid(a[row + 3 * h + j])
                let c = f * cp[r * h + j] + i * g
                expectedCell.append(c)
                expectedHidden.append(o * Foundation.tanh(c))
            }
        }
        let accuracy: Float = 1e-6  // FastMath's sigmoid and tanh are within 2e-7 of Foundation's
        assertClose(cell.values, expectedCell, accuracy: accuracy)
        assertClose(hidden.values, expectedHidden, accuracy: accuracy)
    }

    func testGradientWithoutMask() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²) on pre-activations of size ≤ 2
        var generator = SeededGenerator(seed: 91)
        let (b, h) = (3, 4)
        let gates = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let previousCell = uniformTensor([b, h], &generator)
        let projectHidden = Projection([b, h], seed: 92), projectCell = Projection([b, h], seed: 93)
        assertGradientsMatch([gates, previousCell], bound: bound) {
            let (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: previousCell)
            return projectHidden(hidden) + projectCell(cell)
        }
        // Through h alone (no gradient reaches c directly) and through c alone.
        assertGradientsMatch([gates, previousCell], bound: bound) {
            projectHidden(Tensor.lstmCell(gates: gates, previousCell: previousCell).hidden)
        }
        let gatesForCell = uniformTensor([b, 4 * h], in: -2...2, &generator)
        assertGradientsMatch([previousCell], bound: bound) {
            projectCell(Tensor.lstmCell(gates: gatesForCell, previousCell: previousCell).cell)
        }
    }

    /// Rows with active = 0 pass h and c through unchanged, and their gradients too; their gates
    /// get no gradient. Active rows ignore the previous hidden state (it enters through the gates).
    func testMaskedRowsPassStateAndGradientThrough() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 94)
        let (b, h) = (3, 4)
        let active: [Float] = [1, 0, 1]
        let gates = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let previousCell = uniformTensor([b, h], &generator)
        let previousHidden = uniformTensor([b, h], &generator)
        let projectHidden = Projection([b, h], seed: 95), projectCell = Projection([b, h], seed: 96)
        func loss() -> Tensor {
            let (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: previousCell,
                                                 previousHidden: previousHidden, active: active)
            return projectHidden(hidden) + projectCell(cell)
        }
        assertGradientsMatch([gates, previousCell, previousHidden], bound: bound, loss: loss)

        let masked = 1 * h..<2 * h
        let (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: previousCell,
                                             previousHidden: previousHidden, active: active)
        XCTAssertEqual(Array(hidden.values[masked]), Array(previousHidden.values[masked]))
        XCTAssertEqual(Array(cell.values[masked]), Array(previousCell.values[masked]))
        // Gradients of the masked row: exactly the projection weights; zero for its gates; and
        // the active rows' previous hidden state gets nothing from the cell.
        let dh = previousHidden.gradient!, dc = previousCell.gradient!, dg = gates.gradient!
        XCTAssertEqual(Array(dh[masked]), Array(projectHidden.weights.values[masked]))
        XCTAssertEqual(Array(dc[masked]), Array(projectCell.weights.values[masked]))
        XCTAssertEqual(Array(dg[4 * h..<8 * h]), [Float](repeating: 0, count: 4 * h))
        XCTAssertEqual(Array(dh[0..<h]) + Array(dh[2 * h..<3 * h]), [Float](repeating: 0, count: 2 * h))
    }

    /// Two time steps for sentences of lengths 2 and 1: the second sentence's state after its last
    /// token comes out of step 2 unchanged, and gradients flow back through both steps.
    func testTwoStepsWithMask() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 97)
        let (b, h) = (2, 3)
        let gates1 = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let gates2 = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let c0 = uniformTensor([b, h], &generator), h0 = uniformTensor([b, h], &generator)
        let project = Projection([b, h], seed: 98)
        assertGradientsMatch([gates1, gates2, c0], bound: bound) {
            let (h1, c1) = Tensor.lstmCell(gates: gates1, previousCell: c0, previousHidden: h0, active: [1, 1])
            let (h2, c2) = Tensor.lstmCell(gates: gates2, previousCell: c1, previousHidden: h1, active: [1, 0])
            return project(h2) + project(c2)
        }
    }
}
