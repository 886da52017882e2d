import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

/// B = 2 sentences of lengths 3 and 2 over S = 3 time-major memory rows (row i·B + b), so
/// memory row 5 (position 2 of sentence 1) is padding.
final class AttentionTests: XCTestCase {
    let (b, s) = (2, 3)
    let mask: [Float] = [1, 1,  1, 1,  1, 0]
    let paddedRow = 5


    /// Scores, masked softmax and context computed directly from the definitions, in Double.
    func testDotAttentionForwardAgainstDefinition() {
        var generator = SeededGenerator(seed: 110)
        let (d, dv) = (4, 3)
        let query = uniformTensor([b, d], &generator)
        let keys = uniformTensor([s * b, d], &generator), values = uniformTensor([s * b, dv], &generator)
        let scale: Float = 0.5
        let (context, weights) = Tensor.dotAttention(query: query, keys: keys, values: values, mask: mask, scale: scale)
        XCTAssertEqual(context.shape, [b, dv])
        XCTAssertEqual(weights.shape, [b, s])
        let q = query.values, k = keys.values, v = values.values
        for row in 0..<b {
            let allowed = (0..<s).filter { mask[$0 * b + row] != 0 }
            let scores = allowed.map { i in
                Double(scale) * (0..<d).reduce(0.0) { $0 + Double(q[row * d + $1] * k[(i * b + row) * d + $1]) }
            }
            assertSoftmaxAttention(row: row, allowed: allowed, scores: scores, values: v, weights: weights, context: context)
        }
        XCTAssertEqual(weights.values[1 * s + 2], 0, "padding gets exactly zero weight")
    }

    func testAdditiveAttentionForwardAgainstDefinition() {
        var generator = SeededGenerator(seed: 111)
        let (a, dv) = (4, 2)
        let query = uniformTensor([b, a], &generator), keys = uniformTensor([s * b, a], &generator)
        let energy = uniformTensor([a], &generator), values = uniformTensor([s * b, dv], &generator)
        let (context, weights) = Tensor.additiveAttention(query: query, keys: keys, energy: energy,
                                                          values: values, mask: mask)
        let q = query.values, k = keys.values, e = energy.values, v = values.values
        for row in 0..<b {
            let allowed = (0..<s).filter { mask[$0 * b + row] != 0 }
            let scores = allowed.map { i in
                (0..<a).reduce(0.0) { total, j in
                    total + Double(e[j]) * Foundation.tanh(Double(q[row * a + j] + k[(i * b + row) * a + j]))
                }
            }
            assertSoftmaxAttention(row: row, allowed: allowed, scores: scores, values: v, weights: weights, context: context)
        }
    }

    /// Row `row` of `weights` [b, s] and `context` [b, dv] against the definition: softmax of
    /// `scores` (one per allowed position) over the allowed positions, 0 elsewhere, and the
    /// weighted sum of the time-major `values` [s·b, dv].
    private func assertSoftmaxAttention(row: Int, allowed: [Int], scores: [Double], values v: [Float],
                                        weights: Tensor, context: Tensor, file: StaticString = #filePath, line: UInt = #line) {
        let dv = context.columns
        let exps = scores.map { Foundation.exp($0) }, total = exps.reduce(0, +)
        var expectedWeights = [Float](repeating: 0, count: s)
        var expectedContext = [Double](repeating: 0, count: dv)
        for (position, i) in allowed.enumerated() {
            let w = exps[position] / total
            expectedWeights[i] = Float(w)
            for j in 0..<dv { expectedContext[j] += w * Double(v[(i * b + row) * dv + j]) }
        }
        assertClose(Array(weights.values[row * s..<(row + 1) * s]), expectedWeights, accuracy: 1e-6, "row \(row)", file: file, line: line)
        assertClose(Array(context.values[row * dv..<(row + 1) * dv]), expectedContext.map(Float.init), accuracy: 1e-6, file: file, line: line)
    }

    /// A sentence with no real position gets all-zero weights and context, not NaN.
    func testFullyMaskedSentence() {
        let query = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        let keys = Tensor(shape: [2, 2], values: [1, 0, 0, 1]), values = Tensor(shape: [2, 2], values: [5, 6, 7, 8])
        let (context, weights) = Tensor.dotAttention(query: query, keys: keys, values: values, mask: [1, 0])
        XCTAssertEqual(weights.values, [1, 0])
        XCTAssertEqual(context.values, [5, 6, 0, 0])
    }

    func testAdditiveAttentionGradients() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 112)
        let (a, dv) = (4, 3)
        let query = uniformTensor([b, a], &generator), keys = uniformTensor([s * b, a], &generator)
        let energy = uniformTensor([a], in: -2...2, &generator), values = uniformTensor([s * b, dv], &generator)
        let projectContext = Projection([b, dv], seed: 113), projectWeights = Projection([b, s], seed: 114)
        func attention() -> (context: Tensor, weights: Tensor) {
            Tensor.additiveAttention(query: query, keys: keys, energy: energy, values: values, mask: mask)
        }
        assertGradientsMatch([query, keys, energy, values], bound: bound) {
            let (context, weights) = attention()
            return projectContext(context) + projectWeights(weights)
        }
        assertPaddingGetsNoGradient(keys: keys, values: values)
        // Through the context alone, and through the weights alone (values then get nothing).
        assertGradientsMatch([query, keys, energy, values], bound: bound) { projectContext(attention().context) }
        assertGradientsMatch([query, keys, energy], bound: bound) { projectWeights(attention().weights) }
    }

    func testDotAttentionGradients() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 115)
        let (d, dv) = (4, 3)
        let query = uniformTensor([b, d], &generator), keys = uniformTensor([s * b, d], &generator)
        let values = uniformTensor([s * b, dv], &generator)
        let projectContext = Projection([b, dv], seed: 116), projectWeights = Projection([b, s], seed: 117)
        func attention() -> (context: Tensor, weights: Tensor) {
            Tensor.dotAttention(query: query, keys: keys, values: values, mask: mask, scale: 0.5)
        }
        assertGradientsMatch([query, keys, values], bound: bound) {
            let (context, weights) = attention()
            return projectContext(context) + projectWeights(weights)
        }
        assertPaddingGetsNoGradient(keys: keys, values: values)
        assertGradientsMatch([query, keys, values], bound: bound) { projectContext(attention().context) }
        assertGradientsMatch([query, keys], bound: bound) { projectWeights(attention().weights) }
    }

    private func assertPaddingGetsNoGradient(keys: Tensor, values: Tensor,
                                             file: StaticString = #filePath, line: UInt = #line) {
        let a = keys.columns, dv = values.columns
        XCTAssertEqual(Array(keys.gradient![paddedRow * a..<(paddedRow + 1) * a]), [Float](repeating: 0, count: a),
                       file: file, line: line)
        XCTAssertEqual(Array(values.gradient![paddedRow * dv..<(paddedRow + 1) * dv]), [Float](repeating: 0, count: dv),
                       file: file, line: line)
    }
}
