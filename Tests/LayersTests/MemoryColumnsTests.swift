import Autodiff
@testable import Layers
import TestSupport
import XCTest

/// Rows reading their sentence's memory in place (`MemoryColumns`) against the same kernels over
/// a memory copied row by row, which is what search did before: B = 2 sentences of S = 3
/// positions (sentence 1 has 2 real ones), read by 4 rows.
final class MemoryColumnsTests: XCTestCase {
    let (b, s) = (2, 3)
    let columns = MemoryColumns(sentences: 2, columns: [1, 0, 1, 1])
    var mask: [Float] { (0..<(s * b)).map { row in row % b == 1 && row / b >= 2 ? 0 : 1 } }
    /// The memory rows a copy per batch row would hold: position i of row r is row i·B + columns[r].
    var copied: [Int32] { (0..<s).flatMap { i in columns.columns.map { Int32(i * b) + $0 } } }

    func testKeepingRepeatsAndDropsSentences() {
        let start = MemoryColumns.identity(3)
        XCTAssertEqual(start.columns, [0, 1, 2])
        let beams = start.keeping([0, 1, 2], rowsPerSentence: 1, repeats: 2)
        XCTAssertEqual(beams.columns, [0, 0, 1, 1, 2, 2])
        let twoLeft = beams.keeping([0, 2], rowsPerSentence: 2, repeats: 2)
        XCTAssertEqual(twoLeft.columns, [0, 0, 2, 2])
        XCTAssertEqual(twoLeft.keeping([1], rowsPerSentence: 2, repeats: 2).columns, [2, 2])
        XCTAssertEqual(twoLeft.sentences, 3)
    }

    func testAdditiveAndDotAttentionReadTheColumnsAsACopyWould() {
        var generator = SeededGenerator(seed: 71)
        let r = columns.columns.count
        for heads in [1, 2] {
            let (a, dv) = (4 * heads, 3 * heads)
            let query = uniformTensor([r, a], &generator), energy = uniformTensor([a], &generator)
            let keys = uniformTensor([s * b, a], &generator), values = uniformTensor([s * b, dv], &generator)
            let inPlace = [
                Tensor.additiveAttention(query: query, keys: keys, energy: energy, values: values, mask: mask,
                                         heads: heads, columns: columns),
                Tensor.dotAttention(query: query, keys: keys, values: values, mask: mask, scale: 0.5, heads: heads,
                                    columns: columns),
            ]
            let copiedMask = copied.map { mask[Int($0)] }
            let copies = [
                Tensor.additiveAttention(query: query, keys: keys.gatherRows(copied), energy: energy,
                                         values: values.gatherRows(copied), mask: copiedMask, heads: heads),
                Tensor.dotAttention(query: query, keys: keys.gatherRows(copied), values: values.gatherRows(copied),
                                    mask: copiedMask, scale: 0.5, heads: heads),
            ]
            for (one, other) in zip(inPlace, copies) {
                assertClose(one.context.values, other.context.values, accuracy: 1e-6, "\(heads) heads")
                assertClose(one.weights.values, other.weights.values, accuracy: 1e-6, "\(heads) heads")
            }
            // Rows 0, 2 and 3 read sentence 1: nothing on its padding position.
            for row in [0, 2, 3] { for head in 0..<heads { XCTAssertEqual(inPlace[0].weights.values[(row * heads + head) * s + 2], 0) } }
        }
    }
}
