import Autodiff
@testable import Layers
import TestSupport
import XCTest

/// One decoding step of the Transformer's attention (`MultiHeadAttention.step`) against the
/// whole-sequence attention it replaces in search: cross-attention with a padded source, and
/// self-attention over a cache whose rows are reordered and dropped between steps as beams are.
/// d = 12 with 2 heads: 6-wide heads exercise the kernels' tails past their 8-wide lanes.
final class MultiHeadAttentionStepTests: XCTestCase {
    let (d, heads) = (12, 2)

    /// Rows reading their sentence's memory in place equal whole-sequence attention over a
    /// memory copied row by row; sentence 1 has 2 real positions of 4.
    func testCrossStepEqualsAttentionOverCopiedMemory() {
        var generator = SeededGenerator(seed: 41)
        let layer = MultiHeadAttention(size: d, heads: heads, using: &generator)
        let (b, s) = (2, 4)
        let sentences: [Int32] = [1, 0, 1]
        let r = sentences.count
        let x = uniformTensor([r, d], &generator)
        let (keys, values) = layer.keysAndValues(uniformTensor([s * b, d], &generator))
        let mask: [Float] = (0..<(s * b)).map { row in row % b == 1 && row / b >= 2 ? 0 : 1 }
        let step = layer.step(x, keys: keys, values: values, keyMask: mask, columns: MemoryColumns(sentences: b, columns: sentences))

        let copied = (0..<s).flatMap { i in sentences.map { Int32(i * b) + $0 } }
        let full = layer(x, keys: keys.gatherRows(copied), values: values.gatherRows(copied), batch: r,
                         keyMask: copied.map { mask[Int($0)] })
        assertClose(step.output.values, full.output.values, accuracy: 1e-5)
        XCTAssertEqual(step.meanWeights.shape, [r, s])
        assertClose(step.meanWeights.values, meanOverHeads(full.weights).values, accuracy: 1e-6)
        XCTAssertEqual(step.meanWeights.values[2], 0)
        XCTAssertEqual(step.meanWeights.values[3], 0)
    }

    /// Each step's output for row r equals causal self-attention over the inputs on row r's
    /// history, its last position; between steps rows are reordered (two from one parent),
    /// then one is dropped.
    func testSelfStepsEqualCausalAttentionOverEachRowsHistory() {
        var generator = SeededGenerator(seed: 42)
        let layer = MultiHeadAttention(size: d, heads: heads, using: &generator)
        let cache = SelfAttentionCache()
        var histories: [[[Float]]] = [[], [], []]
        let reorders: [[Int32]] = [[2, 0, 0], [1, 2], [1, 0], [0, 1]]
        for reorder in reorders {
            let x = uniformTensor([histories.count, d], &generator)
            let output = layer.step(x, cache: cache)
            for row in histories.indices {
                histories[row].append(Array(x.values[(row * d)..<((row + 1) * d)]))
                let t = histories[row].count
                let sequence = Tensor(shape: [t, d], values: histories[row].flatMap { $0 })
                let expected = layer.selfAttention(sequence, batch: 1, keyMask: [Float](repeating: 1, count: t), causal: true).output
                assertClose(Array(output.values[(row * d)..<((row + 1) * d)]), Array(expected.values[((t - 1) * d)...]),
                            accuracy: 1e-5, "step \(t) row \(row)")
            }
            cache.continueRows(reorder)
            histories = reorder.map { histories[Int($0)] }
        }
    }
}
