/// The hypotheses of one beam search as a tree of back-pointers. Each extension of a beam by a
/// token is a node: its parent node, its token and, when attention is kept, the attention row
/// [S] of the step that chose the token. A step appends one node per live beam, so its cost does
/// not depend on how long the hypotheses are; a hypothesis is rebuilt, by walking from its last
/// node back to the root, only when it finishes (at most 2k − 1 times per sentence).
///
/// Memory: one node per live beam per step (2 ids, plus S floats with attention), against the
/// t ids (and t·S floats) that copying each beam's history cost at step t.
struct BeamTree {
    /// The empty hypothesis every sentence starts from.
    static let root: Int32 = -1

    private var parents: [Int32] = []
    private var tokens: [Int32] = []
    /// Node n's attention row is attention[attentionEnds[n − 1] ..< attentionEnds[n]] (from 0 for
    /// n = 0); empty when the search keeps no attention.
    private var attentionEnds: [Int] = []
    private var attention: [Float] = []

    /// Nodes so far.
    var count: Int { parents.count }

    /// Appends the extension of `parent` by `token`, with the attention row of the step that
    /// chose it (empty when attention is not kept), and returns the new node.
    mutating func extend(_ parent: Int32, by token: Int32, attention row: UnsafeBufferPointer<Float>) -> Int32 {
        precondition(parent >= Self.root && Int(parent) < count, "node \(parent) of \(count)")
        parents.append(parent)
        tokens.append(token)
        attention.append(contentsOf: row)
        attentionEnds.append(attention.count)
        return Int32(parents.count - 1)
    }

    /// The tokens from the root to `node`, in output order: O(length).
    func tokens(endingAt node: Int32) -> [Int32] {
        var reversed: [Int32] = []
        var current = node
        while current != Self.root {
            reversed.append(tokens[Int(current)])
            current = parents[Int(current)]
        }
        return reversed.reversed()
    }

    /// The attention rows from the root to `node`, one per token, in output order.
    func attention(endingAt node: Int32) -> [[Float]] {
        var reversed: [[Float]] = []
        var current = node
        while current != Self.root {
            let index = Int(current)
            let start = index == 0 ? 0 : attentionEnds[index - 1]
            reversed.append(Array(attention[start..<attentionEnds[index]]))
            current = parents[index]
        }
        return reversed.reversed()
    }

    /// The hypothesis ending at `node`: its tokens, and its attention rows when kept.
    func hypothesis(endingAt node: Int32, score: Float, keepAttention: Bool) -> Hypothesis {
        Hypothesis(ids: tokens(endingAt: node), score: score, attention: keepAttention ? attention(endingAt: node) : [])
    }
}
