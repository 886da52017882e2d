import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// Each filter of `data.filters` on a hand-made corpus whose dropped pairs are known: the
/// prepared data holds exactly the others, and the counts name the filter.
final class CorpusFilterTests: XCTestCase {
    private typealias Corpora = PreparedDataTests.Corpora

    /// Prepares `pairs` with `filters` (YAML lines under `filters:`) and returns the kept pairs'
    /// source lines (as the codec encodes them) and the drop counts.
    private func prepare(_ pairs: [(String, String)], filters: String, tokenized: Bool = true) throws -> (kept: [[Int32]], dropped: [String: Int], codec: TextCodec) {
        let corpora = try Corpora()
        defer { corpora.remove() }
        try corpora.writePairs(pairs, prefix: "train")
        try corpora.writePairs([("a b", "c d")], prefix: "valid")
        let data = try TrainingData(corpora.configuration(
            train: "\(corpora.path)/train", data: "  tokenized: \(tokenized)\n  filters:\n" + filters))
        XCTAssertEqual(data.corpusReports.count, 1)
        XCTAssertEqual(data.corpusReports[0].read, pairs.count)
        return (data.pairs.map(\.source), data.corpusReports[0].dropped, data.codec)
    }

    func testLengthRatioDropsPairsWhoseLongerSideIsTooManyTimesTheShorter() throws {
        let pairs = [("a b", "c d"), ("a", "c d e f"), ("a b c d e f g", "c d"), ("a b c", "c d e f g h"), ("a b c", "c d e f g h i")]
        let (kept, dropped, codec) = try prepare(pairs, filters: "    length_ratio: 2\n")
        // 1:4 and 7:2 exceed 2; 3:6 is exactly 2 (kept); 3:7 exceeds it.
        XCTAssertEqual(dropped, ["length_ratio": 3])
        XCTAssertEqual(kept, [pairs[0], pairs[3]].map { codec.encodeSource($0.0) })
    }

    func testDuplicatesDropsPairsSeenBeforeOnly() throws {
        let pairs = [("a b", "c d"), ("a b", "c e"), ("a b", "c d"), ("x", "y"), ("a b", "c d"), ("x", "y")]
        let (kept, dropped, codec) = try prepare(pairs, filters: "    duplicates: true\n")
        XCTAssertEqual(dropped, ["duplicates": 3])
        XCTAssertEqual(kept, [pairs[0], pairs[1], pairs[3]].map { codec.encodeSource($0.0) })
    }

    func testCopiesDropsPairsWhoseTargetIsTheSource() throws {
        let pairs = [("a b", "c d"), ("a b", "a b"), ("a  b", "a b"), (" q r ", "q r"), ("s", "t")]
        let (kept, dropped, codec) = try prepare(pairs, filters: "    copies: true\n")
        // Spaces at the ends do not count; inner spaces do.
        XCTAssertEqual(dropped, ["copies": 2])
        XCTAssertEqual(kept, [pairs[0], pairs[2], pairs[4]].map { codec.encodeSource($0.0) })
    }

    func testNoLettersDropsPairsWithASideOfNoLetter() throws {
        let pairs = [("a b", "c d"), ("12 , 5", "12 , 5 ."), ("a b", "<>"), ("- ü", "3"), ("ß 4", "é")]
        let (kept, dropped, codec) = try prepare(pairs, filters: "    no_letters: true\n")
        XCTAssertEqual(dropped, ["no_letters": 3])
        XCTAssertEqual(kept, [pairs[0], pairs[4]].map { codec.encodeSource($0.0) })
    }

    func testMaxUnitsDropsPairsWithAnOverlongSide() throws {
        let pairs = [("a b c", "c d"), ("a b c d", "c"), ("a", "c d e f"), ("a b c", "c d e")]
        let (kept, dropped, codec) = try prepare(pairs, filters: "    max_units: 3\n")
        XCTAssertEqual(dropped, ["max_units": 2])
        XCTAssertEqual(kept, [pairs[0], pairs[3]].map { codec.encodeSource($0.0) })
    }

    func testFiltersTogetherCountEachDroppedPairOnceUnderTheFirstFilter() throws {
        let pairs = [("a b", "c d"), ("a b", "a b"), ("a b", "a b"), ("1", "2"), ("a b", "c d"), ("a b c d e", "c")]
        let (kept, dropped, _) = try prepare(pairs, filters: "    duplicates: true\n    copies: true\n    no_letters: true\n    length_ratio: 3\n")
        XCTAssertEqual(dropped, ["copies": 2, "no_letters": 1, "duplicates": 1, "length_ratio": 1])
        XCTAssertEqual(kept.count, 1)
    }

    func testAFilterSettingOutOfRangeIsRefusedNamingItsKey() throws {
        let corpora = try Corpora()
        defer { corpora.remove() }
        try corpora.writePairs([("a", "b")], prefix: "train")
        try corpora.writePairs([("a", "b")], prefix: "valid")
        XCTAssertThrowsError(try corpora.configuration(train: "\(corpora.path)/train", data: "  filters:\n    length_ratio: 0.5\n")) {
            XCTAssertTrue("\($0)".contains("data.filters.length_ratio"), "\($0)")
        }
        XCTAssertThrowsError(try corpora.configuration(train: "\(corpora.path)/train", data: "  filters:\n    duplicate: true\n")) {
            XCTAssertTrue("\($0)".contains("data.filters.duplicate") && "\($0)".contains("did you mean"), "\($0)")
        }
    }
}
