import Search
/// The search settings a request chooses. Only sentences with equal settings share a decoding
/// batch: a batch runs one beam search with one beam size.
struct SearchSettings: Hashable, Sendable {
    var beam: Int
    var nBest: Int
    var attention: Bool
}
