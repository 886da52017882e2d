import Evaluation
import XCTest

/// Expected numbers are sacrebleu 2.6.0's, obtained once in Python with
/// `BLEU(...).corpus_score(hyps, [refs])`, `sacrebleu.sentence_bleu(hyp, refs)` and
/// `BLEU.compute_bleu(...)` with the same arguments, and printed with `repr`.
final class BLEUTests: XCTestCase {
    private let accuracy = 1e-9

    private func assertStatistics(_ score: BLEUScore, matches: [Int], totals: [Int],
                                  lengths: (Int, Int), file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(score.matches, matches, "matches", file: file, line: line)
        XCTAssertEqual(score.totals, totals, "totals", file: file, line: line)
        XCTAssertEqual(score.hypothesisLength, lengths.0, "hyp_len", file: file, line: line)
        XCTAssertEqual(score.referenceLength, lengths.1, "ref_len", file: file, line: line)
    }

    func testIdenticalSentenceScores100() {
        let score = BLEU.corpusScore(hypotheses: ["The cat sat on the mat."],
                                     references: ["The cat sat on the mat."])
        XCTAssertEqual(score.score, 100.00000000000004, accuracy: accuracy)
        assertStatistics(score, matches: [7, 6, 5, 4], totals: [7, 6, 5, 4], lengths: (7, 7))
    }

    /// c = 8 < r = 11: BP = exp(1 − 11/8) = 0.6872892787909722.
    func testBrevityPenalty() {
        let score = BLEU.corpusScore(hypotheses: ["the cat sat on the mat", "a dog"],
                                     references: ["the cat sat on the red mat", "a big dog barked"])
        XCTAssertEqual(score.brevityPenalty, 0.6872892787909722, accuracy: accuracy)
        XCTAssertEqual(score.score, 52.222692039112694, accuracy: accuracy)
        XCTAssertEqual(score.ratio, 8.0 / 11.0, accuracy: accuracy)
        assertStatistics(score, matches: [8, 4, 3, 2], totals: [8, 6, 4, 3], lengths: (8, 11))
        XCTAssertEqual(score.description,
                       "BLEU = 52.22 100.0/66.7/75.0/66.7 (BP = 0.687 ratio = 0.727 hyp_len = 8 ref_len = 11) "
                       + "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0+nmt")
    }

    /// No 3- or 4-gram matches: exp smoothing gives p₃ = 100/(2·4) = 12.5 and
    /// p₄ = 100/(4·3) = 8.33…, so BLEU stays positive.
    func testExponentialSmoothingOfZeroHigherOrderMatches() {
        let score = BLEU.corpusScore(hypotheses: ["the cat the dog the bird"],
                                     references: ["the cat and the dog and the bird"])
        assertStatistics(score, matches: [6, 3, 0, 0], totals: [6, 5, 4, 3], lengths: (6, 8))
        XCTAssertEqual(score.precisions[2], 12.5, accuracy: accuracy)
        XCTAssertEqual(score.precisions[3], 8.333333333333334, accuracy: accuracy)
        XCTAssertEqual(score.score, 20.146758336422113, accuracy: accuracy)
    }

    /// Every smoothing method on the same statistics, through `BLEU.compute_bleu([7, 3, 0, 0],
    /// [9, 8, 7, 6], 9, 11, smooth_method=...)`.
    func testSmoothingMethodsFromStatistics() {
        let statistics = BLEUStatistics(hypothesisLength: 9, referenceLength: 11,
                                        matches: [7, 3, 0, 0], totals: [9, 8, 7, 6])
        let expected: [(BLEUSmoothing, Double, [Double])] = [
            (.none, 0.0, [77.77777777777777, 37.5, 0, 0]),
            (.floor(), 7.3096989702606425, [77.77777777777777, 37.5, 1.4285714285714286, 1.6666666666666667]),
            (.addK(), 22.44457372241044, [77.77777777777777, 44.44444444444444, 12.5, 14.285714285714286]),
            (.exponential, 13.744438278546307, [77.77777777777777, 37.5, 7.142857142857143, 4.166666666666667]),
        ]
        for (smoothing, bleu, precisions) in expected {
            let score = BLEU(smoothing: smoothing).score(statistics)
            XCTAssertEqual(score.score, bleu, accuracy: accuracy, "\(smoothing)")
            XCTAssertEqual(score.brevityPenalty, 0.800737402916808, accuracy: accuracy)
            for (ours, theirs) in zip(score.precisions, precisions) {
                XCTAssertEqual(ours, theirs, accuracy: accuracy, "\(smoothing)")
            }
        }
    }

    /// Three words have no 4-gram: p₄ = 0 and corpus BLEU is 0 without effective order; with it
    /// (sentence_bleu's default) only p₁…p₃ count: BLEU = BP = exp(1 − 6/3).
    func testShortHypothesesAndEffectiveOrder() {
        XCTAssertEqual(BLEU.corpusScore(hypotheses: ["the cat sat"], references: ["the cat sat"]).score, 0)
        let sentence = BLEU.sentenceScore(hypothesis: "the cat sat", references: ["the cat sat on the mat"])
        XCTAssertEqual(sentence.score, 36.78794411714425, accuracy: accuracy)
        XCTAssertTrue(sentence.signature.contains("eff:yes"))
        let plain = BLEU().sentenceScore(hypothesis: "the cat sat", references: ["the cat sat on the mat"])
        XCTAssertEqual(plain.score, 0)
        XCTAssertEqual(plain.brevityPenalty, 0.36787944117144233, accuracy: accuracy)
    }

    func testEmptyHypothesesScoreZeroWithZeroPenalty() {
        let score = BLEU.corpusScore(hypotheses: ["", ""], references: ["a b c", "d e"])
        XCTAssertEqual(score.score, 0)
        XCTAssertEqual(score.brevityPenalty, 0)
        XCTAssertEqual(score.precisions, [0, 0, 0, 0])
        assertStatistics(score, matches: [0, 0, 0, 0], totals: [0, 0, 0, 0], lengths: (0, 5))
        XCTAssertEqual(BLEU.corpusScore(hypotheses: [], references: []).score, 0)
    }

    func testLowercase() {
        let hypotheses = ["The CAT sat on THE mat ."], references = ["the cat sat on the mat."]
        let mixed = BLEU.corpusScore(hypotheses: hypotheses, references: references)
        XCTAssertEqual(mixed.score, 18.575057999133602, accuracy: accuracy)
        assertStatistics(mixed, matches: [4, 2, 0, 0], totals: [7, 6, 5, 4], lengths: (7, 7))
        let lowercased = BLEU.corpusScore(hypotheses: hypotheses, references: references, lowercase: true)
        XCTAssertEqual(lowercased.score, 100.00000000000004, accuracy: accuracy)
        // 'ΟΔΟΣ ΣΟΦΟΣ.'.lower() ends both words in final ς, as the reference does.
        let greek = BLEU.corpusScore(
            hypotheses: ["EIN MANN mit Hut", "\u{39F}\u{394}\u{39F}\u{3A3} \u{3A3}\u{39F}\u{3A6}\u{39F}\u{3A3}."],
            references: ["ein Mann mit einem Hut", "\u{3BF}\u{3B4}\u{3BF}\u{3C2} \u{3C3}\u{3BF}\u{3C6}\u{3BF}\u{3C2}."],
            lowercase: true)
        XCTAssertEqual(greek.score, 62.29455879003254, accuracy: accuracy)
        XCTAssertEqual(greek.matches, [7, 4, 2, 0])
    }

    func testNoTokenizationKeepsPunctuationAttached() {
        let hypotheses = ["the cat, sat on the mat."], references = ["the cat , sat on the mat ."]
        let none = BLEU.corpusScore(hypotheses: hypotheses, references: references, tokenize: .none)
        XCTAssertEqual(none.score, 23.263472697663296, accuracy: accuracy)
        assertStatistics(none, matches: [4, 2, 1, 0], totals: [6, 5, 4, 3], lengths: (6, 8))
        let thirteenA = BLEU.corpusScore(hypotheses: hypotheses, references: references)
        XCTAssertEqual(thirteenA.score, 100.00000000000004, accuracy: accuracy)
    }

    /// Clipping takes each n-gram's largest count over references ("the" ×2 from the second),
    /// and the reference length is the one closest to the hypothesis (8 words vs 6 and 8).
    func testMultipleReferences() {
        let score = BLEU().corpusScore(hypotheses: ["the the the cat sat on a mat"],
                                       references: [["the cat sat on the mat"],
                                                    ["there is a cat on the mat the"]])
        XCTAssertEqual(score.score, 39.76353643835254, accuracy: accuracy)
        assertStatistics(score, matches: [7, 3, 2, 1], totals: [8, 7, 6, 5], lengths: (8, 8))
        XCTAssertTrue(score.signature.hasPrefix("nrefs:2|"))
    }

    func testSignatures() {
        XCTAssertEqual(BLEU().signature(),
                       "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0+nmt")
        XCTAssertEqual(BLEU(tokenizer: .none, lowercase: true, smoothing: .floor(), effectiveOrder: true)
                        .signature(referenceCount: 2),
                       "nrefs:2|case:lc|eff:yes|tok:none|smooth:floor[0.10]|version:2.6.0+nmt")
        XCTAssertEqual(BLEU(smoothing: .addK()).signature(),
                       "nrefs:1|case:mixed|eff:no|tok:13a|smooth:add-k[1.00]|version:2.6.0+nmt")
    }

    /// Corpus BLEU sums statistics over segments; summing them by hand gives the same score.
    func testStatisticsAddUp() {
        let bleu = BLEU()
        let hypotheses = ["the cat sat on the mat", "a dog"]
        let references = ["the cat sat on the red mat", "a big dog barked"]
        let sum = zip(hypotheses, references).map {
            bleu.corpusStatistics(hypotheses: [$0], references: [[$1]])
        }.reduce(BLEUStatistics.zero(), +)
        XCTAssertEqual(sum, bleu.corpusStatistics(hypotheses: hypotheses, references: [references]))
    }
}
