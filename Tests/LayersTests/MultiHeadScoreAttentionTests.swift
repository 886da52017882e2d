import Autodiff
@testable import Layers
import TestSupport
import XCTest

/// Multi-head encoder–decoder attention of the recurrent decoder: every score with two heads,
/// gradients of the query, the memory and every projection; weights are the mean over heads.
final class MultiHeadScoreAttentionTests: XCTestCase {
    let (b, s) = (2, 3)
    let mask: [Float] = [1, 1, 1, 1, 1, 0]  // sentence 1 has 2 real positions

    func testGradientsForEachScore() {
        for score in AttentionScore.allCases {
            var generator = SeededGenerator(seed: 600)
            let attention = makeAttention(score, heads: 2, querySize: 3, memorySize: 4, attentionSize: 6, using: &generator)
            let query = uniformTensor([b, 3], &generator), memory = uniformTensor([s * b, 4], &generator)
            let project = Projection([b, 4], seed: 601)
            assertGradientsMatch([query, memory] + attention.parameters, bound: 1e-3) {
                let (context, _) = attention.attend(query: query, keys: attention.keys(for: memory),
                                                    memory: attention.values(for: memory), mask: mask)
                return project(context)
            }
        }
    }

    /// Weights [B, S]: exactly 0 on padding, rows summing to 1; with one head the heads kernel
    /// is the single-head one.
    func testWeightsAreTheMeanOverHeads() {
        var generator = SeededGenerator(seed: 602)
        let attention = makeAttention(.additive, heads: 2, querySize: 3, memorySize: 4, attentionSize: 6, using: &generator)
        let query = uniformTensor([b, 3], &generator), memory = uniformTensor([s * b, 4], &generator)
        let (_, weights) = attention.attend(query: query, keys: attention.keys(for: memory),
                                            memory: attention.values(for: memory), mask: mask)
        XCTAssertEqual(weights.shape, [b, s])
        XCTAssertEqual(weights.values[1 * s + 2], 0)
        for row in 0..<b { XCTAssertEqual(weights.values[(row * s)..<((row + 1) * s)].reduce(0, +), 1, accuracy: 1e-6) }

        let q = uniformTensor([b, 4], &generator), k = uniformTensor([s * b, 4], &generator), v = uniformTensor([s * b, 2], &generator)
        let single = Tensor.dotAttention(query: q, keys: k, values: v, mask: mask, scale: 0.5)
        let headed = Tensor.dotAttention(query: q, keys: k, values: v, mask: mask, scale: 0.5, heads: 1)
        XCTAssertEqual(single.context.values, headed.context.values)
    }

    /// Head h of the two-head kernel is the one-head kernel on head h's columns.
    func testEachHeadIsTheSingleHeadKernelOnItsColumns() {
        var generator = SeededGenerator(seed: 603)
        let (a, dv) = (3, 2)
        let q = uniformTensor([b, 2 * a], &generator), k = uniformTensor([s * b, 2 * a], &generator)
        let energy = uniformTensor([2 * a], &generator), v = uniformTensor([s * b, 2 * dv], &generator)
        let both = Tensor.additiveAttention(query: q, keys: k, energy: energy, values: v, mask: mask, heads: 2)
        for h in 0..<2 {
            let one = Tensor.additiveAttention(query: q.sliceColumns((h * a)..<((h + 1) * a)), keys: k.sliceColumns((h * a)..<((h + 1) * a)),
                                               energy: Tensor(shape: [a], values: Array(energy.values[(h * a)..<((h + 1) * a)])),
                                               values: v.sliceColumns((h * dv)..<((h + 1) * dv)), mask: mask)
            assertClose(both.context.sliceColumns((h * dv)..<((h + 1) * dv)).values, one.context.values, accuracy: 1e-6)
            for row in 0..<b {
                assertClose(Array(both.weights.values[((row * 2 + h) * s)..<((row * 2 + h + 1) * s)]),
                            Array(one.weights.values[(row * s)..<((row + 1) * s)]), accuracy: 1e-6)
            }
        }
    }
}
