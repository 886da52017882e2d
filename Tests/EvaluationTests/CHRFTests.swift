import Evaluation
import XCTest

/// Expected numbers are sacrebleu 2.6.0's, obtained once in Python with
/// `CHRF(...).corpus_score(hyps, [refs])` and, for the statistics,
/// `sum_of_lists(CHRF(...)._extract_corpus_statistics(hyps, [refs]))`; printed with `repr`.
final class CHRFTests: XCTestCase {
    private let accuracy = 1e-9
    private let hypotheses = ["Ein Mann mit einem orangefarbenen Hut.", "Zwei Hunde spielen im Schnee"]
    private let references = ["Ein Mann trägt einen orangen Hut.", "Zwei Hunde tollen im Schnee herum."]

    /// [hyp, ref, match] per order, flattened like sacrebleu's statistics.
    private func flat(_ score: CHRFScore) -> [Int] {
        score.statistics.orders.flatMap { [$0.hypothesis, $0.reference, $0.matches] }
    }

    func testCorpusChrF2() {
        let score = CHRF.corpusScore(hypotheses: hypotheses, references: references)
        XCTAssertEqual(score.score, 55.90982482808003, accuracy: accuracy)
        XCTAssertEqual(flat(score), [57, 57, 46, 55, 55, 39, 53, 53, 33, 51, 51, 26, 49, 49, 20, 47, 47, 14])
        XCTAssertEqual(score.description,
                       "chrF2 = 55.91 nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0+nmt")
    }

    func testSentenceChrF2() {
        let score = CHRF().sentenceScore(hypothesis: hypotheses[1], references: [references[1]])
        XCTAssertEqual(score.score, 58.78236979290929, accuracy: accuracy)
    }

    /// Lowercasing follows Python's str.lower(), final sigma included.
    func testLowercase() {
        let hypotheses = ["EIN MANN mit Hut", "\u{39F}\u{394}\u{39F}\u{3A3} \u{3A3}\u{39F}\u{3A6}\u{39F}\u{3A3}."]
        let references = ["ein Mann mit einem Hut", "\u{3BF}\u{3B4}\u{3BF}\u{3C2} \u{3C3}\u{3BF}\u{3C6}\u{3BF}\u{3C2}."]
        let score = CHRF.corpusScore(hypotheses: hypotheses, references: references, lowercase: true)
        XCTAssertEqual(score.score, 71.30910300656961, accuracy: accuracy)
        XCTAssertEqual(flat(score), [23, 28, 23, 21, 26, 20, 19, 24, 17, 17, 22, 14, 15, 20, 12, 13, 18, 10])
        XCTAssertTrue(score.signature.contains("case:lc"))
    }

    /// An empty hypothesis adds reference n-grams only; a reference too short for an order
    /// ("ab" has no 3-grams) zeroes the hypothesis count of that order, and averaging skips
    /// orders with a zero count.
    func testEmptyAndShortSegments() {
        let score = CHRF.corpusScore(hypotheses: ["", "abc"], references: ["Ein Hund", "ab"])
        XCTAssertEqual(score.score, 21.161934805467926, accuracy: accuracy)
        XCTAssertEqual(flat(score), [3, 9, 2, 2, 7, 1, 0, 5, 0, 0, 4, 0, 0, 3, 0, 0, 2, 0])
        XCTAssertEqual(CHRF.corpusScore(hypotheses: ["", ""], references: ["Ein Hund", "ab"]).score, 0)
    }

    /// chrF++.py-style ε smoothing averages F over all six orders instead.
    func testEpsilonSmoothing() {
        let chrf = CHRF(epsSmoothing: true)
        let score = chrf.corpusScore(hypotheses: ["", "abc"], references: [["Ein Hund", "ab"]])
        XCTAssertEqual(score.score, 7.05128205128205, accuracy: accuracy)
        XCTAssertEqual(score.signature, "nrefs:1|case:mixed|eff:no|nc:6|nw:0|space:no|version:2.6.0+nmt")
    }

    /// Each segment keeps the statistics of its best reference.
    func testMultipleReferences() {
        let score = CHRF().corpusScore(hypotheses: ["the cat sat on the mat"],
                                       references: [["a cat sat on a mat"], ["the cat is on the mat"]])
        XCTAssertEqual(score.score, 64.5779420625287, accuracy: accuracy)
        XCTAssertEqual(flat(score), [17, 16, 15, 16, 15, 12, 15, 14, 10, 14, 13, 8, 13, 12, 6, 12, 11, 4])
    }

    func testChrFPlusPlusAddsWordOrders() {
        let score = CHRF(wordOrder: 2).corpusScore(hypotheses: hypotheses, references: [references])
        XCTAssertEqual(score.name, "chrF2++")
        XCTAssertEqual(score.score, 53.634709064309675, accuracy: accuracy)
        XCTAssertEqual(flat(score).suffix(6), [12, 14, 8, 10, 12, 4])
        XCTAssertEqual(score.signature, "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0+nmt")
    }
}
