@testable import Search
import Text
import XCTest

final class SearchGuardsTests: XCTestCase {
    func testRefusedTokensCompleteAnEarlierNGram() {
        let bigrams = SearchGuards(noRepeatNGram: 2)
        XCTAssertEqual(bigrams.refusedTokens(after: []), [])
        XCTAssertEqual(bigrams.refusedTokens(after: [7]), [])
        // "7 8 7": after the last 7, 8 would repeat the bigram "7 8".
        XCTAssertEqual(bigrams.refusedTokens(after: [7, 8, 7]), [8])
        XCTAssertEqual(bigrams.refusedTokens(after: [7, 8, 7, 9, 7]), [8, 9])
        let trigrams = SearchGuards(noRepeatNGram: 3)
        XCTAssertEqual(trigrams.refusedTokens(after: [7, 8, 9, 7, 8]), [9])
        XCTAssertEqual(trigrams.refusedTokens(after: [7, 8, 9, 8]), [])
        let unigrams = SearchGuards(noRepeatNGram: 1)
        XCTAssertEqual(Set(unigrams.refusedTokens(after: [7, 8, 7])), [7, 8])
        XCTAssertEqual(SearchGuards().refusedTokens(after: [7, 8, 7, 8]), [])
    }

    func testMinimumLengthIsTheRatioOfTheSourceUnits() {
        let guards = SearchGuards(minLengthRatio: 0.5)
        XCTAssertEqual(guards.minimumLength(sourceLength: 6), 3)  // 5 units + </s>: ⌈2.5⌉
        XCTAssertEqual(guards.minimumLength(sourceLength: 1), 0)
        XCTAssertEqual(SearchGuards().minimumLength(sourceLength: 50), 0)
        XCTAssertFalse(guards.allows(Vocabulary.endID, after: [7, 8], sourceLength: 6, refused: []))
        XCTAssertTrue(guards.allows(Vocabulary.endID, after: [7, 8, 9], sourceLength: 6, refused: []))
    }

    /// "a" is always the most probable token: unguarded, the output runs to the length limit.
    private static let looping: [Int32: Double] = [StubSession.a: 0.7, Vocabulary.endID: 0.2, StubSession.b: 0.1]
    /// </s> is always the most probable token: unguarded, the output is empty.
    private static let ending: [Int32: Double] = [Vocabulary.endID: 0.7, StubSession.a: 0.2, StubSession.b: 0.1]

    private func greedyAndBeamOfOne(_ distribution: [Int32: Double], _ guards: SearchGuards) -> [[Int32]] {
        let session = StubSession(sentences: 1, sourceLength: 3, table: [:], otherwise: distribution)
        let greedy = Search.greedy(session, sourceLengths: [3], maxLength: { _ in 6 }, keepAttention: false, guards: guards)
        let beam = Search.beam(session, sourceLengths: [3], beamSize: 1, lengthPenalty: 1, maxLength: { _ in 6 },
                               nBest: 1, keepAttention: false, guards: guards)
        return [greedy[0].ids, beam[0][0].ids]
    }

    func testRepetitionGuardEndsALoop() {
        XCTAssertEqual(greedyAndBeamOfOne(Self.looping, SearchGuards()), [[4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4]])
        // Bigrams: "a a" once, then a second "a a" is refused and </s> (.2) beats b (.1).
        XCTAssertEqual(greedyAndBeamOfOne(Self.looping, SearchGuards(noRepeatNGram: 2)), [[4, 4], [4, 4]])
        XCTAssertEqual(greedyAndBeamOfOne(Self.looping, SearchGuards(noRepeatNGram: 1)), [[4], [4]])
    }

    func testMinimumLengthGuardDelaysTheEnd() {
        XCTAssertEqual(greedyAndBeamOfOne(Self.ending, SearchGuards()), [[], []])
        // 2 source units × 1.0: two tokens before </s>, each the best non-end token.
        XCTAssertEqual(greedyAndBeamOfOne(Self.ending, SearchGuards(minLengthRatio: 1)), [[4, 4], [4, 4]])
        XCTAssertEqual(greedyAndBeamOfOne(Self.ending, SearchGuards(noRepeatNGram: 1, minLengthRatio: 1)), [[4, 5], [4, 5]])
    }
}
