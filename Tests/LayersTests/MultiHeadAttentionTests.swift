import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

/// The Transformer's attention over time-major batches: B = 2 sentences, the second one shorter,
/// so its last key row is padding. Checked against the definition in Double, by finite
/// differences as self-attention with a padding mask, with a causal mask, and as cross-attention.
final class MultiHeadAttentionTests: XCTestCase {
    let (b, heads, dk, dv) = (2, 2, 3, 2)

    /// keyMask for `steps` time steps where sentence 1 has `shorter` real positions.
    func mask(steps: Int, shorter: Int) -> [Float] {
        (0..<(steps * b)).map { row in row % b == 1 && row / b >= shorter ? 0 : 1 }
    }

    /// Context and weights from the definition: per sentence and head, a softmax over the keys
    /// the masks allow, then the weighted values.
    func testForwardAgainstDefinition() {
        var generator = SeededGenerator(seed: 400)
        for (tq, tk, causal) in [(3, 3, false), (3, 3, true), (2, 4, false)] {
            let queries = uniformTensor([tq * b, heads * dk], &generator)
            let keys = uniformTensor([tk * b, heads * dk], &generator), values = uniformTensor([tk * b, heads * dv], &generator)
            let keyMask = mask(steps: tk, shorter: tk - 1)
            let scale: Float = 0.7
            let (context, weights) = Tensor.multiHeadAttention(queries: queries, keys: keys, values: values, batch: b,
                                                               heads: heads, keyMask: keyMask, causal: causal, scale: scale)
            XCTAssertEqual(context.shape, [tq * b, heads * dv])
            XCTAssertEqual(weights.shape, [b, heads, tq, tk])
            let q = queries.values, k = keys.values, v = values.values
            for sentence in 0..<b {
                for h in 0..<heads {
                    for t in 0..<tq {
                        let allowed = (0..<tk).filter { keyMask[$0 * b + sentence] != 0 && (!causal || $0 <= t) }
                        let scores = allowed.map { i in
                            Double(scale) * (0..<dk).reduce(0.0) { total, j in
                                total + Double(q[(t * b + sentence) * heads * dk + h * dk + j]) * Double(k[(i * b + sentence) * heads * dk + h * dk + j])
                            }
                        }
                        let exps = scores.map { Foundation.exp($0) }, total = exps.reduce(0, +)
                        var expectedWeights = [Float](repeating: 0, count: tk)
                        var expectedContext = [Double](repeating: 0, count: dv)
                        for (position, i) in allowed.enumerated() {
                            expectedWeights[i] = Float(exps[position] / total)
                            for j in 0..<dv { expectedContext[j] += exps[position] / total * Double(v[(i * b + sentence) * heads * dv + h * dv + j]) }
                        }
                        let w = weights.values, c = context.values
                        let rowStart = ((sentence * heads + h) * tq + t) * tk
                        assertClose(Array(w[rowStart..<(rowStart + tk)]), expectedWeights, accuracy: 1e-6, "\(tq)×\(tk) causal \(causal)")
                        let contextStart = (t * b + sentence) * heads * dv + h * dv
                        assertClose(Array(c[contextStart..<(contextStart + dv)]), expectedContext.map(Float.init), accuracy: 1e-6)
                    }
                }
            }
        }
    }

    func testKernelGradientsForSelfCausalAndCrossAttention() {
        var generator = SeededGenerator(seed: 401)
        for (tq, tk, causal) in [(3, 3, false), (3, 3, true), (2, 4, false)] {
            let queries = uniformTensor([tq * b, heads * dk], in: -2...2, &generator)
            let keys = uniformTensor([tk * b, heads * dk], in: -2...2, &generator)
            let values = uniformTensor([tk * b, heads * dv], &generator)
            let keyMask = mask(steps: tk, shorter: tk - 1)
            let project = Projection([tq * b, heads * dv], seed: 402)
            assertGradientsMatch([queries, keys, values], bound: 1e-3) {
                project(Tensor.multiHeadAttention(queries: queries, keys: keys, values: values, batch: b, heads: heads,
                                                  keyMask: keyMask, causal: causal, scale: 0.6).context)
            }
            // The padded key (sentence 1's last step) receives nothing.
            let padded = (tk - 1) * b + 1
            XCTAssertEqual(Array(keys.gradient![(padded * heads * dk)..<((padded + 1) * heads * dk)]), [Float](repeating: 0, count: heads * dk))
            XCTAssertEqual(Array(values.gradient![(padded * heads * dv)..<((padded + 1) * heads * dv)]), [Float](repeating: 0, count: heads * dv))
        }
    }

    /// The layer with its four projections, as self-attention (padding, causal) and as
    /// cross-attention over a memory of another length.
    func testLayerGradients() {
        var generator = SeededGenerator(seed: 403)
        let d = 4
        let attention = MultiHeadAttention(size: d, heads: 2, using: &generator)
        let x = uniformTensor([3 * b, d], &generator), memory = uniformTensor([4 * b, d], &generator)
        let project = Projection([3 * b, d], seed: 404)
        for causal in [false, true] {
            assertGradientsMatch([x] + attention.parameters, bound: 1e-3) {
                project(attention.selfAttention(x, batch: b, keyMask: mask(steps: 3, shorter: 2), causal: causal).output)
            }
        }
        assertGradientsMatch([x, memory] + attention.parameters, bound: 1e-3) {
            let (keys, values) = attention.keysAndValues(memory)
            return project(attention(x, keys: keys, values: values, batch: b, keyMask: mask(steps: 4, shorter: 2)).output)
        }
    }

    /// Under the causal mask, changing the input at step t + 1 leaves every output at steps ≤ t
    /// exactly as it was.
    func testCausalOutputsIgnoreLaterSteps() {
        var generator = SeededGenerator(seed: 405)
        let (d, steps) = (4, 4)
        let attention = MultiHeadAttention(size: d, heads: 2, using: &generator)
        let x = uniformTensor([steps * b, d], &generator)
        let keyMask = [Float](repeating: 1, count: steps * b)
        let before = attention.selfAttention(x, batch: b, keyMask: keyMask, causal: true).output.values
        for t in 0..<(steps - 1) {
            let changed = x.copy()
            for j in 0..<(b * d) { changed.data[(t + 1) * b * d + j] += 1 }
            let after = attention.selfAttention(changed, batch: b, keyMask: keyMask, causal: true).output.values
            XCTAssertEqual(Array(after[0..<((t + 1) * b * d)]), Array(before[0..<((t + 1) * b * d)]), "step \(t)")
            XCTAssertNotEqual(Array(after[((t + 1) * b * d)...]), Array(before[((t + 1) * b * d)...]))
        }
    }

    func testMeanOverHeads() {
        let weights = Tensor(shape: [1, 2, 1, 3], values: [0.2, 0.8, 0, 0.6, 0.4, 0])
        assertClose(meanOverHeads(weights).values, [0.4, 0.6, 0], accuracy: 1e-7)
    }
}
