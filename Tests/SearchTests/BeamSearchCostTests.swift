import Autodiff
import Foundation
@testable import Search
import Text
import XCTest

/// A decoder whose every step costs the same: each row gets the same fixed logits over
/// `vocabulary` ids (</s> far below the others, so no hypothesis ends before the length limit)
/// and the same attention row [S], whatever it produced before. Nothing it does grows with the
/// output length, so a search over it costs per step only what the search itself does.
private struct ConstantSession: DecodingSession {
    let logits: [Float]
    let weights: [Float]
    let vocabulary: Int
    let sourceLength: Int
    var rows: Int

    init(sentences: Int, vocabulary: Int, sourceLength: Int) {
        self.vocabulary = vocabulary
        self.sourceLength = sourceLength
        rows = sentences
        // Distinct log-probabilities a little apart, so that the beams fork and merge as they
        // would over a model; </s> (id 2) is the least likely by far.
        logits = (0..<vocabulary).map { id in id == Int(Vocabulary.endID) ? -50 : -Float((id * 7919) % vocabulary) / 4 }
        weights = (0..<sourceLength).map { Float($0 + 1) / Float(sourceLength * (sourceLength + 1) / 2) }
    }

    mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor) {
        precondition(previous.count == rows, "\(previous.count) tokens for \(rows) rows")
        let r = previous.count
        let logitRows = Tensor(uninitialized: [r, vocabulary])
        let weightRows = Tensor(uninitialized: [r, sourceLength])
        logits.withUnsafeBufferPointer { l in
            for row in 0..<r { (logitRows.data + row * vocabulary).update(from: l.baseAddress!, count: vocabulary) }
        }
        weights.withUnsafeBufferPointer { w in
            for row in 0..<r { (weightRows.data + row * sourceLength).update(from: w.baseAddress!, count: sourceLength) }
        }
        return (logitRows, weightRows)
    }

    mutating func continueRows(_ rows: [Int32]) { self.rows = rows.count }

    mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int) {}
}

/// Beam search keeps back-pointers instead of copying every hypothesis's history and attention
/// at every step, so a step costs the same early and late in a long output (copying made step t
/// cost O(t · S) per beam, S the source length, with attention kept).
final class BeamSearchCostTests: XCTestCase {
    private static let sentences = 4, beam = 5, vocabulary = 40, sourceLength = 60

    /// CPU seconds this thread has run: unlike the wall clock, not inflated when other processes
    /// take the core (a decode of several milliseconds on a busy machine always waits for some).
    private func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// CPU seconds of one beam search that runs `steps` steps (the length limit) with attention kept.
    private func decode(steps: Int) -> (seconds: Double, hypotheses: [[Hypothesis]]) {
        let session = ConstantSession(sentences: Self.sentences, vocabulary: Self.vocabulary, sourceLength: Self.sourceLength)
        let start = threadCPUSeconds()
        let found = Search.beam(session, sourceLengths: [Int](repeating: Self.sourceLength, count: Self.sentences),
                                beamSize: Self.beam, lengthPenalty: 1, maxLength: { _ in steps }, nBest: Self.beam,
                                keepAttention: true, guards: SearchGuards())
        return (threadCPUSeconds() - start, found)
    }

    func testTheDecodeRunsToTheLimitWithEveryAttentionRow() {
        let found = decode(steps: 30).hypotheses
        XCTAssertEqual(found.count, Self.sentences)
        for hypotheses in found {
            XCTAssertEqual(hypotheses.count, Self.beam)
            for hypothesis in hypotheses {
                XCTAssertEqual(hypothesis.ids.count, 30)
                XCTAssertFalse(hypothesis.ids.contains(Vocabulary.endID))
                XCTAssertEqual(hypothesis.attention.count, 30)
                XCTAssertTrue(hypothesis.attention.allSatisfy { $0.count == Self.sourceLength })
            }
        }
    }

    /// The CPU time per step of a 300-step decode is at most 1.3× that of a 30-step decode. Each
    /// is the fastest of 15 runs, taken in turn, so that a busy machine slows both alike: the same
    /// process runs this search at 11 µs or 18 µs a step from one moment to the next, and the
    /// fastest of 7 once left the long decode only slow runs (1.34×; 0.91–1.10 with 15).
    func testCostPerStepDoesNotGrowWithTheOutputLength() {
        _ = decode(steps: 30)  // warm-up: the buffer pool, caches
        var short = Double.infinity, long = Double.infinity
        for _ in 0..<15 {
            short = min(short, decode(steps: 30).seconds / 30)
            long = min(long, decode(steps: 300).seconds / 300)
        }
        let ratio = long / short
        XCTAssertLessThanOrEqual(ratio, 1.3, String(format: "per step: 30 steps %.2f µs, 300 steps %.2f µs (%.2f×)",
                                                       short * 1e6, long * 1e6, ratio))
    }
}

