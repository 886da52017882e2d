/// How tokens are cut into the units a model sees. All three mark a unit that continues into the
/// next with `@@`, so `BPE.join` undoes any of them.
public enum Segmentation: Sendable {
    /// Tokens are the units.
    case word
    /// Every character (grapheme cluster) is a unit: `c@@ a@@ t`.
    case character
    /// Subword units from learned merges: `low@@ er`.
    case bpe(BPE)

    /// The units of `tokens`.
    public func segment(_ tokens: [String]) -> [String] {
        switch self {
        case .word:
            return tokens
        case .character:
            var units: [String] = []
            for token in tokens where !token.isEmpty {
                let characters = token.map(String.init)
                units.append(contentsOf: characters.dropLast().map { $0 + BPE.separator })
                units.append(characters[characters.count - 1])
            }
            return units
        case .bpe(let bpe):
            return bpe.segment(tokens)
        }
    }

    /// The tokens that `units` were cut from.
    public func join(_ units: [String]) -> [String] {
        switch self {
        case .word: return units
        case .character, .bpe: return BPE.join(units)
        }
    }
}
