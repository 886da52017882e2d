import Foundation

/// chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacrebleu 2.x computes them
/// (`metrics/chrf.py`); the defaults give sacrebleu's `chrF2`.
///
/// Character n-grams are taken over code points after deleting all whitespace (optionally after
/// lowercasing). For each order n, summed over segments:
///
///     P_n = matches_n / hypothesis_n,   R_n = matches_n / reference_n
///
/// Default ("effective order") averaging, sacrebleu's `eps_smoothing=False`: P and R are the
/// means of P_n and R_n over the orders where both counts are non-zero, and
///
///     chrF_β = 100 · (1 + β²) P R / (β² P + R)    (0 if P + R = 0).
///
/// With `epsSmoothing` (chrF++.py, NLTK and Moses): each order's F_β,n with P_n or R_n taken as
/// ε = 1e-16 when undefined, averaged over all orders.
///
/// With several references each segment keeps the statistics of the reference giving it the
/// highest segment-level chrF (the first one on a tie).
public struct CHRF: Sendable {
    /// Character n-gram orders 1…charOrder (sacrebleu: 6).
    public var charOrder: Int
    /// Word n-gram orders 1…wordOrder (0 for chrF, 2 for chrF++).
    public var wordOrder: Int
    /// Recall weighs β times as much as precision (sacrebleu: 2).
    public var beta: Int
    public var lowercase: Bool
    /// Keep whitespace inside character n-grams.
    public var whitespace: Bool
    public var epsSmoothing: Bool

    /// sacrebleu's defaults: `CHRF()` there equals `CHRF()` here.
    public init(charOrder: Int = 6, wordOrder: Int = 0, beta: Int = 2, lowercase: Bool = false,
                whitespace: Bool = false, epsSmoothing: Bool = false) {
        precondition(charOrder + wordOrder > 0, "chrF needs at least one n-gram order")
        self.charOrder = charOrder
        self.wordOrder = wordOrder
        self.beta = beta
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.epsSmoothing = epsSmoothing
    }

    /// Corpus chrF2 against one reference each; sacrebleu's
    /// `corpus_chrf(hypotheses, [references])` (with `lowercase` if asked).
    public static func corpusScore(hypotheses: [String], references: [String],
                                   lowercase: Bool = false) -> CHRFScore {
        CHRF(lowercase: lowercase).corpusScore(hypotheses: hypotheses, references: [references])
    }

    /// Corpus chrF. `references[k][i]` is the k-th reference of hypothesis i, as in sacrebleu.
    public func corpusScore(hypotheses: [String], references: [[String]]) -> CHRFScore {
        score(corpusStatistics(hypotheses: hypotheses, references: references),
              referenceCount: references.count)
    }

    /// chrF of one hypothesis against its references.
    public func sentenceScore(hypothesis: String, references: [String]) -> CHRFScore {
        score(corpusStatistics(hypotheses: [hypothesis], references: references.map { [$0] }),
              referenceCount: references.count)
    }

    /// The summed statistics of a corpus; see ``corpusScore(hypotheses:references:)``.
    public func corpusStatistics(hypotheses: [String], references: [[String]]) -> CHRFStatistics {
        precondition(!references.isEmpty, "chrF needs at least one reference set")
        for set in references {
            precondition(set.count == hypotheses.count,
                         "\(hypotheses.count) hypotheses but a reference set of \(set.count)")
        }
        var counter = CharNGramCounter(chrf: self)
        var sum = CHRFStatistics.zero(orders: charOrder + wordOrder)
        for (i, hypothesis) in hypotheses.enumerated() {
            sum += counter.statistics(hypothesis: hypothesis, references: references.map { $0[i] })
        }
        return sum
    }

    /// chrF from (summed) statistics: sacrebleu's `_compute_f_score`, step for step.
    public func score(_ statistics: CHRFStatistics, referenceCount: Int = 1) -> CHRFScore {
        CHRFScore(name: "chrF\(beta)" + String(repeating: "+", count: wordOrder),
                  score: fScore(statistics), signature: signature(referenceCount: referenceCount),
                  statistics: statistics)
    }

    /// `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0+nmt`; `eff:yes` means the
    /// effective-order averaging, i.e. no ε smoothing.
    public func signature(referenceCount: Int = 1) -> String {
        MetricSignature.format([
            "nrefs": String(referenceCount),
            "case": lowercase ? "lc" : "mixed",
            "eff": epsSmoothing ? "no" : "yes",
            "nc": String(charOrder),
            "nw": String(wordOrder),
            "space": whitespace ? "yes" : "no",
        ])
    }

    func fScore(_ statistics: CHRFStatistics) -> Double {
        let epsilon = 1e-16
        let factor = Double(beta * beta)
        var epsScore = 0.0
        var averagePrecision = 0.0, averageRecall = 0.0
        var effectiveOrder = 0
        for order in statistics.orders {
            let precision = order.hypothesis > 0
                ? Double(order.matches) / Double(order.hypothesis) : epsilon
            let recall = order.reference > 0 ? Double(order.matches) / Double(order.reference) : epsilon
            let denominator = factor * precision + recall
            epsScore += denominator > 0 ? (1 + factor) * precision * recall / denominator : epsilon
            if order.hypothesis > 0 && order.reference > 0 {
                averagePrecision += precision
                averageRecall += recall
                effectiveOrder += 1
            }
        }
        if epsSmoothing { return 100 * epsScore / Double(statistics.orders.count) }

        if effectiveOrder == 0 { return 0 }
        averagePrecision /= Double(effectiveOrder)
        averageRecall /= Double(effectiveOrder)
        guard averagePrecision + averageRecall != 0 else { return 0 }
        let score = (1 + factor) * averagePrecision * averageRecall
        return 100 * (score / (factor * averagePrecision + averageRecall))
    }

    /// chrF++'s words: whitespace-separated, then one ASCII punctuation mark split off the end of
    /// a word, or else off its start (so `(hi)` gives `(hi` and `)`, as in sacrebleu #124).
    func words(_ line: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        for word in PythonText.words(line) {
            if word.count > 1, let last = word.last, Self.isPunctuation(last) {
                words.append(word.dropLast())
                words.append(word.suffix(1))
            } else if word.count > 1, let first = word.first, Self.isPunctuation(first) {
                words.append(word.prefix(1))
                words.append(word.dropFirst())
            } else {
                words.append(word)
            }
        }
        return words
    }

    /// Python's `string.punctuation`: the 32 ASCII symbols.
    private static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }
}

/// Per-segment chrF statistics, numbering n-grams through interners shared by all segments of
/// one call. Characters and words get separate interners: their symbols (code points, word
/// ids) are different alphabets.
private struct CharNGramCounter {
    let chrf: CHRF
    var charNGramIDs = SequenceInterner()
    var wordIDs = SequenceInterner()
    var wordNGramIDs = SequenceInterner()

    /// Character orders then word orders.
    mutating func counts(_ line: String) -> [NGramMultiset] {
        var scalars = Array(line.unicodeScalars)
        if chrf.lowercase { scalars = PythonText.lowercased(scalars) }
        let characters = chrf.whitespace ? scalars : PythonText.removingSpaces(scalars)
        var orders = NGramCounts(symbols: characters.map(\.value), maxOrder: chrf.charOrder,
                                 interner: &charNGramIDs).orders
        if chrf.wordOrder > 0 {
            let words = chrf.words(scalars).map { wordIDs.id(of: $0) }
            orders += NGramCounts(symbols: words, maxOrder: chrf.wordOrder,
                                  interner: &wordNGramIDs).orders
        }
        return orders
    }

    mutating func statistics(hypothesis: String, references: [String]) -> CHRFStatistics {
        let hypothesisCounts = counts(hypothesis)
        var best = CHRFStatistics(orders: [])
        var bestScore = -1.0
        for reference in references {
            let referenceCounts = counts(reference)
            let statistics = CHRFStatistics(orders: zip(hypothesisCounts, referenceCounts).map {
                hypothesis, reference in
                CHRFStatistics.Order(
                    hypothesis: reference.isEmpty ? 0 : hypothesis.total,
                    reference: reference.total,
                    matches: hypothesis.clippedMatches(against: reference))
            })
            let score = chrf.fScore(statistics)
            if score > bestScore {
                bestScore = score
                best = statistics
            }
        }
        return best
    }
}
