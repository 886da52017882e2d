import Foundation

/// BLEU (Papineni et al., 2002) exactly as sacrebleu 2.x computes it (`metrics/bleu.py`).
///
/// Each line is lowercased (optionally, with Python's `str.lower()`), right-stripped and
/// tokenized; then for n = 1…4
///
///     p_n = 100 · Σ_segments matches_n / Σ_segments totals_n
///
/// where matches_n clips each hypothesis n-gram's count by its count in the reference (the
/// largest over references), and
///
///     BLEU = BP · exp((1/N) Σ_n log p_n),   BP = min(1, exp(1 − r/c))
///
/// with c the hypothesis length and r the summed closest reference lengths. A zero precision is
/// smoothed (see ``BLEUSmoothing``); without smoothing log 0 is taken as −9999999999 like
/// sacrebleu's `my_log`, which makes the score 0.
///
///     let bleu = BLEU()                       // 13a, mixed case, exp smoothing
///     let score = bleu.corpusScore(hypotheses: hyps, references: [refs])
///     print(score)                            // BLEU = 34.21 65.1/41.0/27.9/19.3 (BP = …
public struct BLEU: Sendable {
    /// Largest n-gram order, sacrebleu's `MAX_NGRAM_ORDER`.
    public static let maxOrder = 4

    public var tokenizer: BLEUTokenizer
    /// Compare case-insensitively (`case:lc` in the signature).
    public var lowercase: Bool
    public var smoothing: BLEUSmoothing
    /// Average only over the orders up to the last one the hypotheses contain (they are too
    /// short for longer n-grams) instead of all four. Meant for sentence-level BLEU.
    public var effectiveOrder: Bool

    /// sacrebleu's defaults: `BLEU()` there equals `BLEU()` here.
    public init(tokenizer: BLEUTokenizer = .thirteenA, lowercase: Bool = false,
                smoothing: BLEUSmoothing = .exponential, effectiveOrder: Bool = false) {
        self.tokenizer = tokenizer
        self.lowercase = lowercase
        self.smoothing = smoothing
        self.effectiveOrder = effectiveOrder
    }

    // MARK: Convenience

    /// Corpus BLEU of `hypotheses` against one reference each; sacrebleu's
    /// `corpus_bleu(hypotheses, [references], tokenize=..., lowercase=...)`.
    public static func corpusScore(hypotheses: [String], references: [String],
                                   tokenize: BLEUTokenizer = .thirteenA,
                                   lowercase: Bool = false) -> BLEUScore {
        BLEU(tokenizer: tokenize, lowercase: lowercase)
            .corpusScore(hypotheses: hypotheses, references: [references])
    }

    /// Sentence BLEU with effective order on: sacrebleu's `sentence_bleu(hypothesis,
    /// references)`, which is how sacrebleu itself recommends scoring single sentences.
    public static func sentenceScore(hypothesis: String, references: [String],
                                     tokenize: BLEUTokenizer = .thirteenA,
                                     lowercase: Bool = false) -> BLEUScore {
        BLEU(tokenizer: tokenize, lowercase: lowercase, effectiveOrder: true)
            .sentenceScore(hypothesis: hypothesis, references: references)
    }

    // MARK: Scoring

    /// Corpus BLEU. `references[k][i]` is the k-th reference of hypothesis i: one array per
    /// reference set, each as long as `hypotheses`, as in sacrebleu's `corpus_score`.
    public func corpusScore(hypotheses: [String], references: [[String]]) -> BLEUScore {
        score(corpusStatistics(hypotheses: hypotheses, references: references),
              referenceCount: references.count)
    }

    /// One hypothesis against its references, with this configuration (sacrebleu's
    /// `BLEU.sentence_score`; turn on `effectiveOrder` for sentence-level use).
    public func sentenceScore(hypothesis: String, references: [String]) -> BLEUScore {
        score(corpusStatistics(hypotheses: [hypothesis], references: references.map { [$0] }),
              referenceCount: references.count)
    }

    /// The summed statistics of a corpus; see ``corpusScore(hypotheses:references:)``.
    public func corpusStatistics(hypotheses: [String], references: [[String]]) -> BLEUStatistics {
        precondition(!references.isEmpty, "BLEU needs at least one reference set")
        for set in references {
            precondition(set.count == hypotheses.count,
                         "\(hypotheses.count) hypotheses but a reference set of \(set.count)")
        }
        var counter = WordNGramCounter(bleu: self)
        var sum = BLEUStatistics.zero()
        for (i, hypothesis) in hypotheses.enumerated() {
            sum += counter.statistics(hypothesis: hypothesis, references: references.map { $0[i] })
        }
        return sum
    }

    /// BLEU from summed statistics: sacrebleu's `compute_bleu`, step for step, so that the
    /// floating-point results agree to the last bit or nearly.
    public func score(_ statistics: BLEUStatistics, referenceCount: Int = 1) -> BLEUScore {
        let maxOrder = statistics.matches.count
        let c = statistics.hypothesisLength, r = statistics.referenceLength
        var brevityPenalty = 1.0
        if c < r { brevityPenalty = c > 0 ? exp(1 - Double(r) / Double(c)) : 0 }

        var precisions = [Double](repeating: 0, count: maxOrder)
        func result(_ score: Double) -> BLEUScore {
            BLEUScore(score: score, precisions: precisions, matches: statistics.matches,
                      totals: statistics.totals, brevityPenalty: brevityPenalty,
                      hypothesisLength: c, referenceLength: r,
                      signature: signature(referenceCount: referenceCount))
        }
        // No match at any order: 0, whatever the smoothing (sacrebleu #141).
        if statistics.matches.allSatisfy({ $0 == 0 }) { return result(0) }

        var exponentialFactor = 1.0   // 2^i for the i-th order without a match
        var order = maxOrder          // orders averaged over
        for n in 1...maxOrder {
            var matches = Double(statistics.matches[n - 1])
            var total = Double(statistics.totals[n - 1])
            if case .addK(let k) = smoothing, n > 1 {
                matches += k
                total += k
            }
            // No hypothesis n-grams of this order or longer: leave p_n… at 0.
            if total == 0 { break }
            if effectiveOrder { order = n }
            if matches == 0 {
                switch smoothing {
                case .exponential:
                    exponentialFactor *= 2
                    precisions[n - 1] = 100 / (exponentialFactor * total)
                case .floor(let epsilon):
                    precisions[n - 1] = 100 * epsilon / total
                case .none, .addK:
                    break
                }
            } else {
                precisions[n - 1] = 100 * matches / total
            }
        }
        // sacrebleu's my_log: log 0 is floored to −9999999999 rather than −∞.
        let logSum = precisions[..<order].reduce(0.0) { $0 + ($1 == 0 ? -9_999_999_999 : log($1)) }
        return result(brevityPenalty * exp(logSum / Double(order)))
    }

    /// `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0+nmt`.
    public func signature(referenceCount: Int = 1) -> String {
        MetricSignature.format([
            "nrefs": String(referenceCount),
            "case": lowercase ? "lc" : "mixed",
            "eff": effectiveOrder ? "yes" : "no",
            "tok": tokenizer.rawValue,
            "smooth": smoothing.signatureName,
        ])
    }

    /// The words of a line: lowercase, strip the right end, tokenize (sacrebleu's
    /// `_preprocess_segment`).
    func words(_ line: String) -> [ArraySlice<Unicode.Scalar>] {
        var scalars = Array(line.unicodeScalars)
        if lowercase { scalars = PythonText.lowercased(scalars) }
        return tokenizer.words(PythonText.rstripped(scalars))
    }
}

/// Per-segment BLEU statistics, numbering words and n-grams through interners shared by all
/// segments of one call.
private struct WordNGramCounter {
    let bleu: BLEU
    var wordIDs = SequenceInterner()
    var ngramIDs = SequenceInterner()

    mutating func counts(_ line: String) -> (NGramCounts, length: Int) {
        let words = bleu.words(line).map { wordIDs.id(of: $0) }
        return (NGramCounts(symbols: words, maxOrder: BLEU.maxOrder, interner: &ngramIDs),
                words.count)
    }

    mutating func statistics(hypothesis: String, references: [String]) -> BLEUStatistics {
        var referenceCounts: NGramCounts?
        var referenceLengths: [Int] = []
        for reference in references {
            let (counts, length) = self.counts(reference)
            referenceCounts = referenceCounts.map { $0.maximum(with: counts) } ?? counts
            referenceLengths.append(length)
        }
        let (hypothesisCounts, length) = counts(hypothesis)
        var statistics = BLEUStatistics.zero()
        statistics.hypothesisLength = length
        statistics.referenceLength = Self.closest(to: length, among: referenceLengths)
        for n in 0..<BLEU.maxOrder {
            let ngrams = hypothesisCounts.orders[n]
            statistics.totals[n] = ngrams.total
            if let reference = referenceCounts?.orders[n] {
                statistics.matches[n] = ngrams.clippedMatches(against: reference)
            }
        }
        return statistics
    }

    /// The reference length nearest `length`, the shorter one on a tie.
    static func closest(to length: Int, among lengths: [Int]) -> Int {
        lengths.min { a, b in
            let da = abs(a - length), db = abs(b - length)
            return da != db ? da < db : a < b
        } ?? 0
    }
}
