@testable import Evaluation
import XCTest

final class NGramCountsTests: XCTestCase {
    /// "a b a b a" has n-grams a×3 b×2 | ab×2 ba×2 | aba×2 bab×1 | abab×1 baba×1.
    func testCountsEveryOrder() {
        var interner = SequenceInterner()
        let counts = NGramCounts(symbols: [1, 2, 1, 2, 1], maxOrder: 5, interner: &interner)
        XCTAssertEqual(counts.orders.map(\.total), [5, 4, 3, 2, 1])
        XCTAssertEqual(counts.orders.map { $0.counts.sorted() }, [[2, 3], [2, 2], [1, 2], [1, 1], [1]])
    }

    /// Clipping: hypothesis "a a a b" against reference "a b b": min(3,1) + min(1,2) = 2 unigrams.
    func testClippedMatchesAndMaximum() {
        var interner = SequenceInterner()
        let hypothesis = NGramCounts(symbols: [1, 1, 1, 2], maxOrder: 2, interner: &interner)
        let reference = NGramCounts(symbols: [1, 2, 2], maxOrder: 2, interner: &interner)
        XCTAssertEqual(hypothesis.orders[0].clippedMatches(against: reference.orders[0]), 2)
        XCTAssertEqual(hypothesis.orders[1].clippedMatches(against: reference.orders[1]), 1)  // ab
        let merged = hypothesis.maximum(with: reference)
        XCTAssertEqual(merged.orders[0].total, 3 + 2)      // a×3, b×2
        XCTAssertEqual(merged.orders[1].total, 2 + 1 + 1)  // aa×2, ab×1, bb×1
    }

    func testSequencesShorterThanTheOrderHaveNoNGrams() {
        var interner = SequenceInterner()
        let counts = NGramCounts(symbols: [7], maxOrder: 4, interner: &interner)
        XCTAssertEqual(counts.orders.map(\.total), [1, 0, 0, 0])
        XCTAssertTrue(NGramCounts(symbols: [], maxOrder: 2, interner: &interner).orders.allSatisfy(\.isEmpty))
    }
}
