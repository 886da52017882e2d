@testable import Search
import Text
import XCTest

/// Beam search over a stub decoder whose probabilities are fixed, against n-best lists and
/// scores worked out by hand, so that an off-by-one in the length or an ignored α fails.
///
/// With k = 2 (a = 4, b = 5, </s> = 2):
///   step 0 from []:   a .5, b .4, </s> .1  → beams [a] (log .5), [b] (log .4)
///   step 1: [b]</s> = log .4 + log .9 = −1.021652 finishes (length 2 with </s>);
///           [a]a = log .5 + log .4 = −1.609438 and [a]b = log .5 + log .3 = −1.897120 go on
///           ([a]</s> ties with [a]b but ranks third, not among the first k, so it is dropped)
///   step 2: [a a]</s> = −1.609438 + log .98 = −1.629641, [a b]</s> = −1.897120 + log .98 = −1.917323
///           finish (length 3); the sentence has ≥ k finished hypotheses and stops.
/// Scores are log p / length^α.
final class HandComputedBeamTests: XCTestCase {
    static let table: [[Int32]: [Int32: Double]] = [
        []: [StubSession.a: 0.5, StubSession.b: 0.4, Vocabulary.endID: 0.1],
        [StubSession.a]: [Vocabulary.endID: 0.3, StubSession.a: 0.4, StubSession.b: 0.3],
        [StubSession.b]: [Vocabulary.endID: 0.9, StubSession.a: 0.05, StubSession.b: 0.05],
    ]
    static let otherwise: [Int32: Double] = [Vocabulary.endID: 0.98, StubSession.a: 0.01, StubSession.b: 0.01]

    private func search(alpha: Float, sentences: Int = 1) -> [[Hypothesis]] {
        let session = StubSession(sentences: sentences, sourceLength: 3, table: Self.table, otherwise: Self.otherwise)
        return Search.beam(session, sourceLengths: [Int](repeating: 3, count: sentences), beamSize: 2, lengthPenalty: alpha,
                           maxLength: { _ in 10 }, nBest: 3, keepAttention: false, guards: SearchGuards())
    }

    private func assertHypotheses(_ found: [Hypothesis], _ expected: [([Int32], Double)],
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(found.map(\.ids), expected.map(\.0), file: file, line: line)
        for (hypothesis, (_, score)) in zip(found, expected) {
            XCTAssertEqual(Double(hypothesis.score), score, accuracy: 1e-4, file: file, line: line)
        }
    }

    func testNoLengthNormalization() {
        assertHypotheses(search(alpha: 0)[0], [([5], -1.021652), ([4, 4], -1.629641), ([4, 5], -1.917323)])
    }

    func testAlphaOneDividesByLengthWithEndOfSentence() {
        assertHypotheses(search(alpha: 1)[0], [([5], -1.021652 / 2), ([4, 4], -1.629641 / 3), ([4, 5], -1.917323 / 3)])
    }

    /// α = 2 favours the longer hypotheses enough to reorder the list.
    func testAlphaTwoReordersTheList() {
        assertHypotheses(search(alpha: 2)[0], [([4, 4], -1.629641 / 9), ([4, 5], -1.917323 / 9), ([5], -1.021652 / 4)])
    }

    /// Several sentences in one batch each get the same list.
    func testEverySentenceOfABatchGetsItsOwnList() {
        for hypotheses in search(alpha: 2, sentences: 3) {
            assertHypotheses(hypotheses, [([4, 4], -1.629641 / 9), ([4, 5], -1.917323 / 9), ([5], -1.021652 / 4)])
        }
    }

    /// Beam 1 is greedy: a, then a (.4 beats </s> .3), then </s>.
    func testBeamOfOneFollowsTheMostProbableToken() {
        let session = StubSession(sentences: 1, sourceLength: 3, table: Self.table, otherwise: Self.otherwise)
        let beam = Search.beam(session, sourceLengths: [3], beamSize: 1, lengthPenalty: 1, maxLength: { _ in 10 },
                               nBest: 1, keepAttention: false, guards: SearchGuards())
        let greedy = Search.greedy(session, sourceLengths: [3], maxLength: { _ in 10 }, keepAttention: false, guards: SearchGuards())
        XCTAssertEqual(beam[0].map(\.ids), [[4, 4]])
        XCTAssertEqual(Double(beam[0][0].score), -1.629641 / 3, accuracy: 1e-4)
        XCTAssertEqual(greedy[0].ids, [4, 4])
    }

    /// A session that scores only some columns (a shortlist's: </s>, a, b) gives the same lists:
    /// the searches map each column back to its id.
    func testColumnsOfASubsetMapBackToTheirIDs() {
        let columns: [Int32] = [Vocabulary.endID, StubSession.a, StubSession.b]
        let session = StubSession(sentences: 2, sourceLength: 3, table: Self.table, otherwise: Self.otherwise, columns: columns)
        let found = Search.beam(session, sourceLengths: [3, 3], beamSize: 2, lengthPenalty: 2, maxLength: { _ in 10 },
                                nBest: 3, keepAttention: false, guards: SearchGuards())
        for hypotheses in found {
            assertHypotheses(hypotheses, [([4, 4], -1.629641 / 9), ([4, 5], -1.917323 / 9), ([5], -1.021652 / 4)])
        }
        let one = StubSession(sentences: 1, sourceLength: 3, table: Self.table, otherwise: Self.otherwise, columns: columns)
        let greedy = Search.greedy(one, sourceLengths: [3], maxLength: { _ in 10 }, keepAttention: false, guards: SearchGuards())
        XCTAssertEqual(greedy[0].ids, [4, 4])
        // a may not repeat: after [a], </s> (.3) ties with b (.3) and wins as the lower id.
        let guarded = Search.greedy(one, sourceLengths: [3], maxLength: { _ in 10 }, keepAttention: false,
                                    guards: SearchGuards(noRepeatNGram: 1))
        XCTAssertEqual(guarded[0].ids, [4])
    }
}
