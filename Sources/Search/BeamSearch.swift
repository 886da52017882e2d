import Autodiff
import Batching
import Foundation
import Layers
import Model
import Text

/// One finished translation: ids without </s>, its length-normalized log-probability, and the
/// attention weights of each produced token over the source (when asked for).
public struct Hypothesis: Equatable {
    public var ids: [Int32]
    public var score: Float
    public var attention: [[Float]]

    public init(ids: [Int32], score: Float, attention: [[Float]]) {
        self.ids = ids
        self.score = score
        self.attention = attention
    }
}

extension Seq2Seq {
    /// Batched beam search. sources: ids without padding, each ending in </s>.
    /// Every sentence keeps `beamSize` live hypotheses; at each step the 2k best extensions of
    /// all k beams are taken in order: an extension by </s> among the first k finishes a
    /// hypothesis, scored log p / length^α (length counts </s>); the others fill the k beams.
    /// A sentence stops once it has k finished hypotheses, or at its maximum length (its best
    /// live beam is then taken as finished). With k = 1 this is exactly greedy search.
    /// Returns up to `nBest` hypotheses per sentence, best first.
    public func beamSearch(_ sources: [[Int32]], beamSize k: Int, lengthPenalty alpha: Float = 1,
                           maxLength: (Int) -> Int, nBest: Int = 1, keepAttention: Bool = false,
                           guards: SearchGuards = SearchGuards()) -> [[Hypothesis]] {
        beamSearch(Batch(sourcesEndingInEOS: sources), beamSize: k, lengthPenalty: alpha,
                   maxLength: maxLength, nBest: nBest, keepAttention: keepAttention, guards: guards)
    }

    /// The same for a source-only batch; `maxLength` receives each sentence's length with </s>.
    public func beamSearch(_ batch: Batch, beamSize k: Int, lengthPenalty alpha: Float = 1,
                           maxLength: (Int) -> Int, nBest: Int = 1, keepAttention: Bool = false,
                           guards: SearchGuards = SearchGuards()) -> [[Hypothesis]] {
        Search.beam(decodingSession(batch), sourceLengths: batch.sourceLengths, beamSize: k, lengthPenalty: alpha,
                    maxLength: maxLength, nBest: nBest, keepAttention: keepAttention, guards: guards)
    }
}

/// The searches over any decoding session: one model's, an ensemble's, or a test's stub.
package enum Search {
    /// Beam search (see `Seq2Seq.beamSearch`) of the sentences `session` was started on, whose
    /// lengths with </s> are `sourceLengths`.
    static func beam(_ session: any DecodingSession, sourceLengths: [Int], beamSize k: Int, lengthPenalty alpha: Float,
                     maxLength: (Int) -> Int, nBest: Int, keepAttention: Bool, guards: SearchGuards) -> [[Hypothesis]] {
        precondition(k >= 1, "beam size must be at least 1")
        let b = sourceLengths.count
        var session = session
        // The batch holds g rows (beams) of every sentence still searching, sentence by sentence:
        // row p·g + j is beam j of sentence active[p]. The first step has one row per sentence
        // (every beam would start from <s> alike), the later ones k. A sentence that finishes
        // leaves the batch, so later steps compute only the rows still searching.
        var active = Array(0..<b)
        var g = 1

        let limits = sourceLengths.map(maxLength)
        var scores = [Float](repeating: 0, count: b)
        // Each row's hypothesis is a node of `tree` (back-pointers): a step appends one node per
        // row, and a hypothesis's tokens and attention are rebuilt only when it finishes.
        var tree = BeamTree()
        var nodes = [Int32](repeating: BeamTree.root, count: b)
        var finished = [[Hypothesis]](repeating: [], count: b)
        var previous = [Int32](repeating: Vocabulary.startID, count: b)
        var logProbabilities = [Float]()
        let ids = session.columnIDs
        var t = 0
        while !active.isEmpty {
            let step = session.logProbabilities(previous, into: &logProbabilities)
            let v = step.vocabulary
            let n = active.count
            var nextRows = [Int32](repeating: 0, count: n * k)
            var nextTokens = [Int32](repeating: Vocabulary.endID, count: n * k)
            var nextScores = [Float](repeating: -.infinity, count: n * k)
            var searching = [Bool](repeating: true, count: n)
            for (position, sentence) in active.enumerated() {
                let rows = (position * g)..<((position + 1) * g)
                // Every live hypothesis has t tokens; the repetition guard reads a row's tokens
                // back through the pointers.
                let allowed = guards.isOff ? nil : rows.map { row in
                    Allowed(refused: guards.noRepeatNGram == 0 ? [] : guards.refusedTokens(after: tree.tokens(endingAt: nodes[row])),
                            endAllowed: t >= guards.minimumLength(sourceLength: sourceLengths[sentence]))
                }
                let candidates = best(2 * k, scores: scores, logProbabilities: logProbabilities,
                                      rows: rows, columns: v, ids: ids, allowed: allowed)
                let atLimit = t >= limits[sentence]
                if atLimit {
                    // At the length limit the beam is cut: each live hypothesis ends as it stands,
                    // without </s>, scored as it stood before this step.
                    for row in rows where scores[row] > -.infinity {
                        finished[sentence].append(tree.hypothesis(endingAt: nodes[row],
                                                                  score: scores[row] / Foundation.pow(max(Float(t), 1), alpha),
                                                                  keepAttention: keepAttention))
                    }
                }
                var filled = 0
                for (rank, candidate) in candidates.enumerated() where !atLimit {
                    if candidate.token == Vocabulary.endID {
                        if rank < k {
                            finished[sentence].append(tree.hypothesis(endingAt: nodes[candidate.row],
                                                                      score: candidate.score / Foundation.pow(Float(t + 1), alpha),
                                                                      keepAttention: keepAttention))
                        }
                    } else if filled < k {
                        let slot = position * k + filled
                        nextRows[slot] = Int32(candidate.row)
                        nextTokens[slot] = candidate.token
                        nextScores[slot] = candidate.score
                        filled += 1
                    }
                    if filled == k && (rank + 1 >= k) { break }
                }
                if finished[sentence].count >= k || atLimit { searching[position] = false }
            }
            let kept = (0..<n).filter { searching[$0] }
            guard !kept.isEmpty else { break }
            // The next batch: beam j of kept position p continues from row nextRows[p·k + j], its
            // node the extension of that row's node by its token (with the row's attention).
            var rows: [Int32] = [], newNodes: [Int32] = [], newScores: [Float] = [], newPrevious: [Int32] = []
            rows.reserveCapacity(kept.count * k)
            newNodes.reserveCapacity(kept.count * k)
            let s = step.weights.columns
            for position in kept {
                let length = keepAttention ? sourceLengths[active[position]] : 0
                for slot in (position * k)..<((position + 1) * k) {
                    let from = Int(nextRows[slot])
                    rows.append(Int32(from))
                    newNodes.append(tree.extend(nodes[from], by: nextTokens[slot],
                                                attention: UnsafeBufferPointer(start: step.weights.data + from * s, count: length)))
                    newScores.append(nextScores[slot])
                    newPrevious.append(nextTokens[slot])
                }
            }
            if kept.count < n || g != k {
                session.keepSentences(kept, of: n, rowsPerSentence: g, repeats: k)
                active = kept.map { active[$0] }
            }
            g = k
            session.continueRows(rows)
            nodes = newNodes
            scores = newScores
            previous = newPrevious
            t += 1
        }
        return finished.map { hypotheses in
            Array(hypotheses.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                .prefix(nBest).map(\.element))
        }
    }

    /// The target id of logits column `column`: `ids[column]` for a session that scores a subset
    /// of the vocabulary (see `DecodingSession.columnIDs`), else the column itself.
    @inline(__always)
    static func targetID(ofColumn column: Int, _ ids: [Int32]?) -> Int32 {
        ids.map { $0[column] } ?? Int32(column)
    }

    /// What the guards let a row do next: the tokens it may not take, and whether it may end.
    struct Allowed {
        var refused: [Int32]
        var endAllowed: Bool
    }

    /// The n best (row, token, score) extensions of the given beams, best first; ties go to the
    /// lower row, then the lower token id. Log-probabilities are [rows, columns], column j
    /// scoring id `ids[j]` (ascending), or id j when `ids` is nil. `allowed` (one per row, nil
    /// when the guards are off) leaves out what the guards refuse.
    private static func best(_ n: Int, scores: [Float], logProbabilities: [Float], rows: Range<Int>,
                             columns v: Int, ids: [Int32]?, allowed: [Allowed]?) -> [(row: Int, token: Int32, score: Float)] {
        var top: [(row: Int, token: Int32, score: Float)] = []
        top.reserveCapacity(n + 1)
        logProbabilities.withUnsafeBufferPointer { lp in
            for row in rows where scores[row] > -.infinity {
                let base = scores[row]
                let p = lp.baseAddress! + row * v
                let guarded = allowed?[row - rows.lowerBound]
                var start = 0
                while start < v {
                    // Sixteen columns at once: once the list is full, a run none of whose scores
                    // beats its last entry changes nothing (as column by column below).
                    if top.count == n, start + 16 <= v {
                        let chunk = SIMD16<Float>(repeating: base) + UnsafeRawPointer(p + start).loadUnaligned(as: SIMD16<Float>.self)
                        if !any(chunk .> SIMD16<Float>(repeating: top[n - 1].score)) {
                            start += 16
                            continue
                        }
                    }
                    let end = min(start + 16, v)
                    for column in start..<end {
                        let score = base + p[column]
                        if top.count == n, score <= top[n - 1].score { continue }
                        let token = targetID(ofColumn: column, ids)
                        if let guarded, token == Vocabulary.endID ? !guarded.endAllowed : guarded.refused.contains(token) {
                            continue
                        }
                        var index = top.count
                        while index > 0 && top[index - 1].score < score { index -= 1 }
                        top.insert((row, token, score), at: index)
                        if top.count > n { top.removeLast() }
                    }
                    start = end
                }
            }
        }
        return top
    }
}
