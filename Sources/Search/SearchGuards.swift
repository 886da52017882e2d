import Text
/// Limits a user can put on what a search produces, both off by default: no n-gram of N tokens
/// twice in one output (OpenNMT's `block_ngram_repeat`, fairseq's `no_repeat_ngram_size`), and
/// no end before a minimum length. They guard against outputs that loop or stop early; greedy
/// and beam search apply them the same way, so beam 1 stays greedy search.
public struct SearchGuards: Equatable, Sendable {
    /// N ≥ 1: a token that would complete an n-gram of N tokens already in the output is refused.
    /// 0: off.
    public var noRepeatNGram: Int
    /// r > 0: </s> is refused while the output has fewer than ⌈r × source units⌉ tokens (source
    /// units without </s>). 0: off.
    public var minLengthRatio: Float

    public init(noRepeatNGram: Int = 0, minLengthRatio: Float = 0) {
        self.noRepeatNGram = noRepeatNGram
        self.minLengthRatio = minLengthRatio
    }

    public var isOff: Bool { noRepeatNGram == 0 && minLengthRatio == 0 }

    /// Tokens refused after `history` (the output so far, without <s>): each token that follows an
    /// earlier occurrence of the last N − 1 tokens.
    func refusedTokens(after history: [Int32]) -> [Int32] {
        let n = noRepeatNGram
        guard n > 0, history.count >= n else { return n == 1 ? history : [] }
        guard n > 1 else { return history }
        let suffix = history[(history.count - n + 1)...]
        var refused: [Int32] = []
        for start in 0...(history.count - n) where history[start..<(start + n - 1)].elementsEqual(suffix) {
            refused.append(history[start + n - 1])
        }
        return refused
    }

    /// The fewest tokens before </s> for a source of `sourceLength` units counting its </s>.
    func minimumLength(sourceLength: Int) -> Int {
        guard minLengthRatio > 0 else { return 0 }
        return Int((minLengthRatio * Float(max(sourceLength - 1, 0))).rounded(.up))
    }

    /// Whether `token` may follow `history` for a source of `sourceLength` units (with </s>).
    func allows(_ token: Int32, after history: [Int32], sourceLength: Int, refused: [Int32]) -> Bool {
        if token == Vocabulary.endID { return history.count >= minimumLength(sourceLength: sourceLength) }
        return !refused.contains(token)
    }
}
