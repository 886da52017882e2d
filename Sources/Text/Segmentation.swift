/// How tokens are cut into the units a model sees. Word, character and BPE units mark a unit that
/// continues into the next with `@@`, so `BPE.join` undoes any of them; SentencePiece pieces carry
/// their spaces (`▁`) instead, and cut whole lines rather than tokens.
public enum Segmentation: Sendable {
    /// Tokens are the units.
    case word
    /// Every character (grapheme cluster) is a unit: `c@@ a@@ t`.
    case character
    /// Subword units from learned merges: `low@@ er`.
    case bpe(BPE)
    /// Pieces of a SentencePiece model (`▁Ein ▁Mann`). It segments a whole normalized line, not
    /// the tokenizer's tokens: `TextPipeline` gives it the line as one token and runs no
    /// detokenizer after it.
    case sentencePiece(SentencePieceModel)

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
        case .sentencePiece(let model):
            return model.encode(tokens.joined(separator: " "))
        }
    }

    /// The tokens that `units` were cut from.
    public func join(_ units: [String]) -> [String] {
        switch self {
        case .word: return units
        case .character, .bpe: return BPE.join(units)
        case .sentencePiece(let model): return [model.decode(units)]
        }
    }

    /// Whether the units are cut from the whole line (SentencePiece) rather than from tokens.
    public var segmentsLines: Bool {
        if case .sentencePiece = self { return true }
        return false
    }
}
