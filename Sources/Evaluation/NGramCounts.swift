import Foundation

/// A multiset of n-grams of one order: distinct n-gram ids in ascending order with their counts.
///
/// Kept sorted rather than hashed because the only questions BLEU and chrF ask of two
/// multisets, the clipped overlap Σ_g min(a(g), b(g)) and the pointwise maximum, are single
/// merges of two sorted runs.
struct NGramMultiset {
    private(set) var ids: [UInt32] = []
    private(set) var counts: [Int] = []
    /// Σ_g count(g): the number of n-gram occurrences.
    private(set) var total = 0

    init() {}

    /// Counts the occurrences in `occurrences` (one id per n-gram position).
    init(occurrences: [UInt32]) {
        let sorted = occurrences.sorted()
        ids.reserveCapacity(sorted.count)
        counts.reserveCapacity(sorted.count)
        for id in sorted {
            if let last = ids.last, last == id {
                counts[counts.count - 1] += 1
            } else {
                ids.append(id)
                counts.append(1)
            }
        }
        total = sorted.count
    }

    var isEmpty: Bool { total == 0 }

    /// Σ_g min(self(g), other(g)): the matches of these n-grams clipped by `other`'s counts.
    func clippedMatches(against other: NGramMultiset) -> Int {
        var matches = 0
        var i = 0, j = 0
        while i < ids.count && j < other.ids.count {
            if ids[i] < other.ids[j] {
                i += 1
            } else if ids[i] > other.ids[j] {
                j += 1
            } else {
                matches += min(counts[i], other.counts[j])
                i += 1; j += 1
            }
        }
        return matches
    }

    /// max(self(g), other(g)) for every g: how often BLEU lets a hypothesis use an n-gram when
    /// several references are given.
    func maximum(with other: NGramMultiset) -> NGramMultiset {
        var merged = NGramMultiset()
        var i = 0, j = 0
        while i < ids.count || j < other.ids.count {
            let id: UInt32, count: Int
            if j == other.ids.count || (i < ids.count && ids[i] < other.ids[j]) {
                (id, count) = (ids[i], counts[i]); i += 1
            } else if i == ids.count || ids[i] > other.ids[j] {
                (id, count) = (other.ids[j], other.counts[j]); j += 1
            } else {
                (id, count) = (ids[i], max(counts[i], other.counts[j])); i += 1; j += 1
            }
            merged.ids.append(id)
            merged.counts.append(count)
            merged.total += count
        }
        return merged
    }
}

/// The n-grams of orders 1…maxOrder of one sequence of symbols (word ids or code points):
/// `orders[n - 1]` holds the max(0, length − n + 1) n-grams of order n.
struct NGramCounts {
    private(set) var orders: [NGramMultiset]

    /// Numbers every n-gram through `interner`, which must be shared by everything compared.
    init(symbols: [UInt32], maxOrder: Int, interner: inout SequenceInterner) {
        orders = []
        orders.reserveCapacity(maxOrder)
        // ids[i] is the id of the n-gram starting at i; each order extends it by one symbol.
        var ids = [UInt32](repeating: SequenceInterner.empty, count: symbols.count)
        for n in stride(from: 1, through: maxOrder, by: 1) {
            let positions = symbols.count - n + 1
            if positions <= 0 {
                orders.append(NGramMultiset())
                continue
            }
            if ids.count > positions { ids.removeLast(ids.count - positions) }
            for i in 0..<positions {
                ids[i] = interner.child(ids[i], symbols[i + n - 1])
            }
            orders.append(NGramMultiset(occurrences: ids))
        }
    }

    /// The pointwise maximum of several references' counts.
    func maximum(with other: NGramCounts) -> NGramCounts {
        var merged = self
        for n in orders.indices { merged.orders[n] = orders[n].maximum(with: other.orders[n]) }
        return merged
    }
}
