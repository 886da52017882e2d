@testable import Batching
import Text
import XCTest

final class BatcherTests: XCTestCase {
    /// 600 pairs of random lengths 0–60 (ids ≥ 4), so some are empty and some too long for 50.
    private func randomPairs(count: Int = 600, seed: UInt64 = 7) -> [EncodedPair] {
        var generator = SplitMix64(seed: seed)
        func sentence() -> [Int32] {
            (0..<generator.next(below: 61)).map { _ in Int32(4 + generator.next(below: 1000)) }
        }
        return (0..<count).map { _ in EncodedPair(source: sentence(), target: sentence()) }
    }

    func testSkipsEmptyAndOverlongPairsAndReportsThem() throws {
        let pairs = randomPairs()
        let batcher = try Batcher(pairs: pairs, size: .sentences(32), maxLength: 50, seed: 1)
        let empty = pairs.filter { $0.source.isEmpty || $0.target.isEmpty }.count
        let long = pairs.filter { !($0.source.isEmpty || $0.target.isEmpty) && max($0.source.count, $0.target.count) > 50 }.count
        XCTAssertGreaterThan(empty, 0)
        XCTAssertGreaterThan(long, 0)
        XCTAssertEqual(batcher.skipped, SkippedPairs(empty: empty, tooLong: long, total: 600, maxLength: 50))
        XCTAssertEqual(batcher.skipped.warning,
                       "skipped \(empty + long) of 600 pairs: \(empty) empty, \(long) longer than 50 tokens")
        XCTAssertEqual(batcher.usable.count, 600 - empty - long)
        let clean = try Batcher(pairs: [EncodedPair(source: [4], target: [5])], size: .sentences(1), maxLength: 5, seed: 1)
        XCTAssertNil(clean.skipped.warning)
    }

    func testEveryPairExactlyOncePerEpoch() throws {
        let pairs = randomPairs()
        for size in [BatchSize.sentences(32), .tokens(800)] {
            let batcher = try Batcher(pairs: pairs, size: size, maxLength: 50, seed: 3)
            for epoch in 1...3 {
                let seen = batcher.plan(epoch: epoch).flatMap { $0 }
                XCTAssertEqual(seen.count, batcher.usable.count)
                XCTAssertEqual(seen.sorted(), batcher.usable)
            }
        }
    }

    func testPaddingIsExactlyWhereTheMasksSay() throws {
        let pairs = randomPairs()
        let batcher = try Batcher(pairs: pairs, size: .sentences(16), maxLength: 50, seed: 5)
        for batch in batcher.batches(epoch: 1) {
            let width = batch.size
            for (b, index) in batch.indices.enumerated() {
                let source = pairs[index].source
                let target = pairs[index].target
                XCTAssertEqual(batch.sourceLengths[b], source.count + 1)
                XCTAssertEqual(batch.targetLengths[b], target.count + 1)
                for t in 0..<batch.sourceLength {
                    let id = batch.sourceIDs[t * width + b]
                    let real = t < source.count + 1
                    XCTAssertEqual(batch.sourceMask[t * width + b], real ? 1 : 0)
                    XCTAssertEqual(id, t < source.count ? source[t] : (t == source.count ? Vocabulary.endID : Vocabulary.padID))
                }
                for t in 0..<batch.targetLength {
                    let real = t < target.count + 1
                    XCTAssertEqual(batch.targetMask[t * width + b], real ? 1 : 0)
                    let input = batch.targetInput[t * width + b]
                    let output = batch.targetOutput[t * width + b]
                    XCTAssertEqual(input, t == 0 ? Vocabulary.startID : (real ? target[t - 1] : Vocabulary.padID))
                    XCTAssertEqual(output, t < target.count ? target[t] : (t == target.count ? Vocabulary.endID : Vocabulary.padID))
                }
            }
            XCTAssertEqual(batch.sourceLength, batch.sourceLengths.max())
            XCTAssertEqual(batch.targetLength, batch.targetLengths.max())
        }
    }

    func testTokenBudgetIsRespected() throws {
        let pairs = randomPairs()
        let batcher = try Batcher(pairs: pairs, size: .tokens(400), maxLength: 50, seed: 9)
        let batches = batcher.batches(epoch: 2)
        for batch in batches {
            XCTAssertLessThanOrEqual(batch.size * max(batch.sourceLength, batch.targetLength), 400)
        }
        // Length bucketing packs them well: on average a batch uses most of its budget.
        let used = batches.map { $0.size * max($0.sourceLength, $0.targetLength) }.reduce(0, +)
        XCTAssertGreaterThan(Double(used) / Double(400 * batches.count), 0.8)
        XCTAssertThrowsError(try Batcher(pairs: pairs, size: .tokens(40), maxLength: 50, seed: 9))
    }

    func testSentenceCountIsRespectedAndBatchesAreBucketed() throws {
        let batcher = try Batcher(pairs: randomPairs(), size: .sentences(20), maxLength: 50, seed: 9)
        let batches = batcher.batches(epoch: 1)
        XCTAssertTrue(batches.allSatisfy { $0.size <= 20 })
        XCTAssertEqual(batches.filter { $0.size < 20 }.count, 1)
        // Sorted by source length before cutting: sources in a batch differ in length by little.
        let spread = batches.map { $0.sourceLengths.max()! - $0.sourceLengths.min()! }
        XCTAssertLessThanOrEqual(spread.max()!, 5)
    }

    func testSameSeedSameOrder() throws {
        let pairs = randomPairs()
        let a = try Batcher(pairs: pairs, size: .sentences(16), maxLength: 50, seed: 42)
        let b = try Batcher(pairs: pairs, size: .sentences(16), maxLength: 50, seed: 42)
        let c = try Batcher(pairs: pairs, size: .sentences(16), maxLength: 50, seed: 43)
        XCTAssertEqual(a.plan(epoch: 1), b.plan(epoch: 1))
        XCTAssertEqual(a.plan(epoch: 2), b.plan(epoch: 2))
        XCTAssertNotEqual(a.plan(epoch: 1), a.plan(epoch: 2))
        XCTAssertNotEqual(a.plan(epoch: 1), c.plan(epoch: 1))
    }

    /// Planned a window at a time (windows of 3 blocks of 50 slots here): still every usable
    /// pair once per epoch, the same plan for the same seed, and a plan read out of order gives
    /// the batches it gives in order.
    func testWindowedPlansCoverEveryPairOnceAndReadAlikeInAnyOrder() throws {
        let pairs = randomPairs(count: 1000)
        let batcher = try Batcher(store: pairs, groups: [PairGroup(range: 0..<1000)], size: .sentences(16), maxLength: 50, seed: 4,
                                  blockSize: 50, windowBlocks: 3)
        let plan = batcher.plan(epoch: 1)
        XCTAssertEqual(plan.flatMap { $0 }.sorted(), batcher.usable)
        XCTAssertEqual(plan, batcher.plan(epoch: 1))
        XCTAssertNotEqual(plan, batcher.plan(epoch: 2))
        let backwards = batcher.plan(epoch: 1)
        XCTAssertEqual(Array(backwards.indices.reversed().map { backwards[$0] }.reversed()), Array(plan))
        // A window's batches are bucketed: lengths in a batch are close (a window holds 150 slots, not the corpus).
        XCTAssertLessThanOrEqual(plan.map { batch in batch.map { pairs[$0].source.count }.max()! - batch.map { pairs[$0].source.count }.min()! }.max()!, 20)
    }

    /// Two groups with weights 1 and 3: an epoch takes the first group's pairs once and the second's three times.
    func testGroupWeightsRepeatPairsInAnEpoch() throws {
        let pairs = (0..<40).map { EncodedPair(source: [Int32(4 + $0 % 5)], target: [5, 6]) }
        let batcher = try Batcher(store: pairs, groups: [PairGroup(range: 0..<10), PairGroup(range: 10..<40, weight: 3)],
                                  size: .sentences(7), maxLength: 10, seed: 2)
        var counts = [Int](repeating: 0, count: 40)
        for index in batcher.plan(epoch: 1).flatMap({ $0 }) { counts[index] += 1 }
        XCTAssertEqual(counts, [Int](repeating: 1, count: 10) + [Int](repeating: 3, count: 30))
    }

    func testSourceBatchesRestoreInputOrder() {
        let sources: [[Int32]] = [[4, 5, 6], [7], [], [8, 9], [10, 11, 12, 13]]
        let batches = Batcher.sourceBatches(sources, size: .sentences(2))
        XCTAssertEqual(batches.map(\.indices), [[2, 1], [3, 0], [4]])
        var restored = [[Int32]](repeating: [], count: sources.count)
        for batch in batches {
            for (b, index) in batch.indices.enumerated() {
                restored[index] = (0..<(batch.sourceLengths[b] - 1)).map { batch.sourceIDs[$0 * batch.size + b] }
            }
        }
        XCTAssertEqual(restored, sources)
    }
}
