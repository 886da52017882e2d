@testable import Autodiff
import Layers
import TestSupport
import XCTest

final class ParallelTests: XCTestCase {

    /// Below and above the threshold, the chunks cover 0..<count exactly once.
    func testChunksCoverTheRangeOnce() {
        for (count, threshold) in [(0, 16), (10, 16), (1000, 16), (1001, 1), (3, 1)] {
            let visits = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
            defer { visits.deallocate() }
            visits.update(repeating: 0, count: max(count, 1))
            Parallel.forEachChunk(count, threshold: threshold) { range in
                for i in range { visits[i] += 1 }  // chunks are disjoint: no two threads share an i
            }
            XCTAssert((0..<count).allSatisfy { visits[$0] == 1 }, "count \(count), threshold \(threshold)")
        }
    }

    /// The other tests use shapes far below `Parallel.threshold`, so every kernel runs on one
    /// thread there. With the threshold at 1 each kernel splits its work across the cores; values
    /// and gradients must come out bit for bit the same (each element or row is computed by the
    /// same code, only on another thread).
    func testOpsGiveTheSameResultsSplitAcrossCores() {
        let serial = runOps()
        let split = Parallel.with(threshold: 1) { runOps() }
        XCTAssertEqual(serial.count, split.count)
        for (index, (a, b)) in zip(serial, split).enumerated() { XCTAssertEqual(a, b, "array \(index)") }
    }

    /// Forward values and input gradients of the ops with parallel kernels, as flat arrays.
    private func runOps() -> [[Float]] {
        var generator = SeededGenerator(seed: 140)
        let (b, s, h) = (4, 3, 5)
        let x = uniformTensor([b, 4 * h], in: -2...2, &generator)
        let cell = uniformTensor([b, h], &generator), hidden = uniformTensor([b, h], &generator)
        let row = uniformTensor([4 * h], &generator)
        let query = uniformTensor([b, h], &generator), keys = uniformTensor([s * b, h], &generator)
        let energy = uniformTensor([h], &generator), values = uniformTensor([s * b, h], &generator)
        let mask: [Float] = [1, 1, 1, 1,  1, 1, 0, 1,  1, 0, 0, 1]
        let inputs = [x, cell, hidden, row, query, keys, energy, values]
        let tape = Tape()
        tape.watch(inputs)
        let activated = ((x + row) * x.sigmoid()).tanh().scaled(by: 0.5).exp()
        let (h1, c1) = Tensor.lstmCell(gates: activated, previousCell: cell, previousHidden: hidden,
                                        active: [1, 0, 1, 1])
        let (additive, _) = Tensor.additiveAttention(query: h1, keys: keys, energy: energy, values: values, mask: mask)
        let (dot, weights) = Tensor.dotAttention(query: query + additive, keys: keys, values: values, mask: mask)
        let logits = Tensor.concatColumns([dot, c1, weights])
        let (loss, _) = logits.crossEntropy(targets: [0, 3, 12, 7], smoothing: 0.1)
        tape.backward(from: loss)
        return [activated.values, h1.values, c1.values, additive.values, dot.values, weights.values, [loss.scalar]]
            + inputs.map { $0.gradient ?? [] }
    }
}
