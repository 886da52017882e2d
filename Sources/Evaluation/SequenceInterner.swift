import Foundation

/// Gives each distinct sequence of symbols a small integer id by walking a trie:
/// id([]) = 0 and id(s + [x]) = child(id(s), x).
///
/// Equal sequences get equal ids, compared symbol by symbol. For text the symbols are code
/// points, so ids follow Python's `str ==` (what sacrebleu's `Counter` keys use), not Swift's
/// canonical equivalence. The same trie numbers n-grams incrementally: the id of the n-gram
/// starting at i is the child of the (n−1)-gram's id by the i+n−1-th symbol, one hash lookup
/// per n-gram whatever its length.
///
/// Ids are only comparable within one interner, so every scoring call uses fresh ones and all
/// sides of a comparison (hypothesis and references) share them.
struct SequenceInterner {
    static let empty: UInt32 = 0

    /// (parent id << 32 | symbol) → child id.
    private var children: [UInt64: UInt32] = [:]

    /// The id of `parent` extended by `symbol`, allocating it on first sight.
    @inline(__always)
    mutating func child(_ parent: UInt32, _ symbol: UInt32) -> UInt32 {
        let key = UInt64(parent) << 32 | UInt64(symbol)
        if let id = children[key] { return id }
        let id = UInt32(children.count + 1)
        children[key] = id
        return id
    }

    /// The id of a whole sequence of scalars (a word).
    mutating func id(of word: ArraySlice<Unicode.Scalar>) -> UInt32 {
        var node = Self.empty
        for scalar in word { node = child(node, scalar.value) }
        return node
    }
}
