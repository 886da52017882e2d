import Foundation

/// chrF's sufficient statistics: for each character order 1…charOrder, then each word order
/// 1…wordOrder, the hypothesis n-grams, reference n-grams and clipped matches. Corpus chrF is
/// computed from their sum over segments.
public struct CHRFStatistics: Equatable, Sendable, Encodable {
    /// The three counts of one n-gram order.
    public struct Order: Equatable, Sendable, Encodable {
        /// Hypothesis n-grams, or 0 when the reference has none of this order (sacrebleu
        /// does not charge a hypothesis for orders the reference cannot match).
        public var hypothesis: Int
        /// Reference n-grams.
        public var reference: Int
        /// Σ_g min(hypothesis(g), reference(g)).
        public var matches: Int

        public init(hypothesis: Int, reference: Int, matches: Int) {
            self.hypothesis = hypothesis
            self.reference = reference
            self.matches = matches
        }
    }

    /// Character orders first, then word orders.
    public var orders: [Order]

    public init(orders: [Order]) { self.orders = orders }

    /// All zeros for `count` orders.
    public static func zero(orders count: Int) -> CHRFStatistics {
        CHRFStatistics(orders: Array(repeating: Order(hypothesis: 0, reference: 0, matches: 0),
                                     count: count))
    }

    public static func += (a: inout CHRFStatistics, b: CHRFStatistics) {
        precondition(a.orders.count == b.orders.count, "statistics of different orders")
        for n in a.orders.indices {
            a.orders[n].hypothesis += b.orders[n].hypothesis
            a.orders[n].reference += b.orders[n].reference
            a.orders[n].matches += b.orders[n].matches
        }
    }

    public static func + (a: CHRFStatistics, b: CHRFStatistics) -> CHRFStatistics {
        var sum = a
        sum += b
        return sum
    }
}
