import Autodiff
import Batching
import Layers
import Model
import Text

extension Seq2Seq {
    /// Greedy decoding of a batch of source sentences (ids without padding, each ending in </s>).
    /// Returns, per sentence, the output ids (without </s>) and, if asked, the attention weights
    /// of each produced token over the source positions.
    public func greedy(_ sources: [[Int32]], maxLength: (Int) -> Int, keepAttention: Bool = false,
                       guards: SearchGuards = SearchGuards()) -> [(ids: [Int32], attention: [[Float]])] {
        greedy(Batch(sourcesEndingInEOS: sources), maxLength: maxLength, keepAttention: keepAttention, guards: guards)
    }

    /// The same for a source-only batch; `maxLength` receives each sentence's length with </s>.
    public func greedy(_ batch: Batch, maxLength: (Int) -> Int, keepAttention: Bool = false,
                       guards: SearchGuards = SearchGuards()) -> [(ids: [Int32], attention: [[Float]])] {
        Search.greedy(decodingSession(batch), sourceLengths: batch.sourceLengths, maxLength: maxLength,
                      keepAttention: keepAttention, guards: guards)
    }
}

package extension Search {
    /// Greedy search of the sentences `session` was started on (lengths with </s>): each step
    /// takes the row's highest-scoring token that the guards allow.
    static func greedy(_ session: any DecodingSession, sourceLengths: [Int], maxLength: (Int) -> Int,
                       keepAttention: Bool, guards: SearchGuards) -> [(ids: [Int32], attention: [[Float]])] {
        var session = session
        let b = sourceLengths.count
        let limits = sourceLengths.map(maxLength)
        // Row p of the batch is sentence active[p]; a finished sentence leaves the batch.
        var active = Array(0..<b)
        var previous = [Int32](repeating: Vocabulary.startID, count: b)
        var outputs = [[Int32]](repeating: [], count: b)
        var attention = [[[Float]]](repeating: [], count: b)
        let ids = session.columnIDs
        var step = 0
        while !active.isEmpty && step < (limits.max() ?? 0) {
            let result = session.step(previous)
            let v = result.logits.columns, s = result.weights.columns
            var kept: [Int] = []
            for (row, sentence) in active.enumerated() {
                let logits = result.logits.data + row * v
                let token: Int32
                if guards.isOff {
                    var best = 0
                    for j in 1..<v where logits[j] > logits[best] { best = j }
                    token = targetID(ofColumn: best, ids)
                } else {
                    token = bestAllowed(logits, count: v, ids: ids, after: outputs[sentence],
                                        sourceLength: sourceLengths[sentence], guards: guards)
                }
                if token == Vocabulary.endID || step >= limits[sentence] { continue }
                kept.append(row)
                outputs[sentence].append(token)
                previous[row] = token
                if keepAttention {
                    attention[sentence].append(Array(UnsafeBufferPointer(start: result.weights.data + row * s,
                                                                         count: sourceLengths[sentence])))
                }
            }
            if kept.count < active.count {
                session.keepSentences(kept, of: active.count, rowsPerSentence: 1, repeats: 1)
                session.continueRows(kept.map(Int32.init))
                previous = kept.map { previous[$0] }
                active = kept.map { active[$0] }
            }
            step += 1
        }
        return (0..<b).map { (outputs[$0], attention[$0]) }
    }

    /// The highest-scoring token the guards allow after `history` (ties to the lower id), from
    /// logits over `v` columns (column j is id `ids[j]`, or j when `ids` is nil).
    private static func bestAllowed(_ logits: UnsafePointer<Float>, count v: Int, ids: [Int32]?, after history: [Int32],
                                    sourceLength: Int, guards: SearchGuards) -> Int32 {
        let refused = guards.refusedTokens(after: history)
        var best = -1
        for j in 0..<v where guards.allows(targetID(ofColumn: j, ids), after: history, sourceLength: sourceLength, refused: refused) {
            if best < 0 || logits[j] > logits[best] { best = j }
        }
        guard best >= 0 else { return Vocabulary.endID }  // nothing allowed: end
        return targetID(ofColumn: best, ids)
    }
}
