import Autodiff
import Batching
import Layers
import Text
@testable import Training
import XCTest

/// The division of an update's batch among ranks and accumulated parts, and the fused buffer
/// that carries the gradients to the all-reduce.
final class GlobalBatchTests: XCTestCase {
    /// Seven pairs of different lengths.
    private let batch = Batch(
        sources: [[4, 5, 6, 7], [8], [5, 4, 3], [6, 6, 7, 8, 4, 5], [7, 4], [5], [4, 4, 4]],
        targets: [[4, 5, 6], [7, 4, 5, 6, 7], [6], [5, 5], [4, 7, 6, 5], [6, 6], [7]],
        indices: [0, 1, 2, 3, 4, 5, 6])

    func testRanksAndPartsCoverEverySentenceOnce() {
        for (ranks, accumulate) in [(1, 1), (1, 3), (2, 1), (2, 2), (3, 2), (4, 2)] {
            let global = GlobalBatch(batch: batch, ranks: ranks, accumulate: accumulate)
            let parts = (0..<ranks).map { global.parts(rank: $0) }
            XCTAssertEqual(parts.flatMap { $0.flatMap(\.indices) }.sorted(), batch.indices, "\(ranks) ranks, accumulate \(accumulate)")
            XCTAssertEqual(parts.flatMap { $0.map(\.targetTokenCount) }.reduce(0, +), global.tokens)
            XCTAssertTrue(parts.allSatisfy { $0.count <= accumulate })
        }
        // Rank r's share is sentences r, r + N, …; its parts deal them again.
        XCTAssertEqual(GlobalBatch(batch: batch, ranks: 2, accumulate: 2).parts(rank: 1).map(\.indices), [[1, 5], [3]])
        // More ranks than sentences: the last ranks train on nothing and add zeros.
        let few = Batch(sources: [[4], [5]], targets: [[6], [7]], indices: [0, 1])
        XCTAssertEqual(GlobalBatch(batch: few, ranks: 3, accumulate: 1).parts(rank: 2).count, 0)
    }

    /// Every rank draws every seed, so the trainer's generator moves alike on all of them; the
    /// seeds of different ranks and parts differ. One process without accumulation uses the
    /// trainer's generator itself.
    func testDropoutSeedsKeepTheRanksGeneratorsEqual() {
        let global = GlobalBatch(batch: batch, ranks: 2, accumulate: 3)
        let trainers = (0..<2).map { _ in Dropout(probability: 0.3, generator: SeededGenerator(seed: 9)) }
        let masks = (0..<2).map { global.dropouts(rank: $0, from: trainers[$0]) }
        XCTAssertEqual(trainers[0].generator.stateWords, trainers[1].generator.stateWords)
        var seeds = Set<[UInt64]>()
        for rank in masks { for dropout in rank { seeds.insert(dropout.generator.stateWords) } }
        XCTAssertEqual(seeds.count, 6)
        let alone = Dropout(probability: 0.3)
        XCTAssertTrue(GlobalBatch(batch: batch, ranks: 1, accumulate: 1).dropouts(rank: 0, from: alone)[0] === alone)
    }

    /// Packing moves every gradient into the buffer (a parameter without one counts as zeros),
    /// saying whether all were finite, and unpacking puts the sums back; the buffer's norm is
    /// GradientClipping's.
    func testFusedBufferCarriesEveryGradient() {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3], values: [0, 0, 0])
        let c = Tensor(shape: [1], values: [7])
        let ga = a.gradBuffer(), gc = c.gradBuffer()
        for i in 0..<6 { ga[i] = Float(i) - 2.5 }
        gc[0] = 3
        let fused = FusedGradientBuffer(parameters: [a, b, c])
        XCTAssertEqual(fused.parameterCount, 10)
        XCTAssertEqual(fused.byteCount, (10 + 4) * 4)
        let norm = GradientClipping.globalNorm([a, b, c])
        XCTAssertTrue(fused.pack())
        XCTAssertEqual(Array(fused.storage.prefix(10)), [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0, 0, 0, 3])
        XCTAssertEqual(a.gradient, [0, 0, 0, 0, 0, 0], "packing leaves the gradients zeroed")
        XCTAssertEqual(fused.globalNorm(), norm, accuracy: 1e-6)
        fused[.lossSum] = 12.5
        for i in 0..<10 { fused.storage[i] *= 2 }   // what a sum over two equal ranks gives
        fused.unpack()
        XCTAssertEqual(a.gradient, [-5, -3, -1, 1, 3, 5])
        XCTAssertEqual(b.gradient, [0, 0, 0])
        XCTAssertEqual(c.gradient, [6])
        XCTAssertEqual(fused[.lossSum], 12.5)

        c.gradBuffer()[0] = .infinity
        XCTAssertFalse(fused.pack(), "an infinity in the last gradient")
        XCTAssertEqual(fused.storage[9], .infinity)
        a.gradBuffer()[4] = .nan
        XCTAssertFalse(fused.pack(), "a NaN in the first")
    }
}
