import Foundation

/// BLEU's sufficient statistics. Corpus BLEU is computed from the sum over segments of these
/// counts (not from an average of sentence scores), so they are what a training loop should
/// accumulate.
public struct BLEUStatistics: Equatable, Sendable {
    /// Words in the hypotheses (after tokenization).
    public var hypothesisLength: Int
    /// Per segment the length of the reference closest to the hypothesis length (the shorter
    /// one on a tie), summed.
    public var referenceLength: Int
    /// `matches[n - 1]`: hypothesis n-grams found in a reference, each n-gram counted at most as
    /// often as it occurs there (in the reference where it occurs most often).
    public var matches: [Int]
    /// `totals[n - 1]`: hypothesis n-grams, max(0, length − n + 1) per segment.
    public var totals: [Int]

    public init(hypothesisLength: Int, referenceLength: Int, matches: [Int], totals: [Int]) {
        precondition(matches.count == totals.count, "one match count and one total per order")
        self.hypothesisLength = hypothesisLength
        self.referenceLength = referenceLength
        self.matches = matches
        self.totals = totals
    }

    /// All zeros, for `maxOrder` orders.
    public static func zero(maxOrder: Int = BLEU.maxOrder) -> BLEUStatistics {
        BLEUStatistics(hypothesisLength: 0, referenceLength: 0,
                       matches: Array(repeating: 0, count: maxOrder),
                       totals: Array(repeating: 0, count: maxOrder))
    }

    public static func + (a: BLEUStatistics, b: BLEUStatistics) -> BLEUStatistics {
        var sum = a
        sum += b
        return sum
    }

    public static func += (a: inout BLEUStatistics, b: BLEUStatistics) {
        precondition(a.matches.count == b.matches.count, "statistics of different orders")
        a.hypothesisLength += b.hypothesisLength
        a.referenceLength += b.referenceLength
        for n in a.matches.indices {
            a.matches[n] += b.matches[n]
            a.totals[n] += b.totals[n]
        }
    }
}
