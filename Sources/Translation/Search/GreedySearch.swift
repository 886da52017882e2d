import Autodiff
import Layers

extension Seq2Seq {
    /// Greedy decoding of a batch of source sentences (ids without padding, each ending in </s>).
    /// Returns, per sentence, the output ids (without </s>) and, if asked, the attention weights
    /// of each produced token over the source positions.
    public func greedy(_ sources: [[Int32]], maxLength: (Int) -> Int,
                       keepAttention: Bool = false) -> [(ids: [Int32], attention: [[Float]])] {
        greedy(TranslationBatch(sourcesEndingInEOS: sources), maxLength: maxLength, keepAttention: keepAttention)
    }

    /// The same for a source-only batch; `maxLength` receives each sentence's length with </s>.
    public func greedy(_ batch: TranslationBatch, maxLength: (Int) -> Int,
                       keepAttention: Bool = false) -> [(ids: [Int32], attention: [[Float]])] {
        let (memory, initial) = encode(batch.source, layout: batch.sourceLayout, mode: .inference)
        var state = initial
        let b = batch.size
        let limits = batch.sourceLengths.map(maxLength)
        var previous = [Int32](repeating: SpecialTokens.bos, count: b)
        var outputs = [[Int32]](repeating: [], count: b)
        var attention = [[[Float]]](repeating: [], count: b)
        var done = [Bool](repeating: false, count: b)
        var step = 0
        while done.contains(false) && step < (limits.max() ?? 0) {
            let result = decoder.step(previous, state: state, memory: memory)
            state = result.state
            let v = result.logits.columns, s = result.weights.columns
            for row in 0..<b where !done[row] {
                let logits = result.logits.data + row * v
                var best = 0
                for j in 1..<v where logits[j] > logits[best] { best = j }
                let token = Int32(best)
                if token == SpecialTokens.eos || step >= limits[row] {
                    done[row] = true
                    continue
                }
                outputs[row].append(token)
                previous[row] = token
                if keepAttention {
                    attention[row].append(Array(UnsafeBufferPointer(start: result.weights.data + row * s,
                                                                    count: batch.sourceLengths[row])))
                }
            }
            step += 1
        }
        return (0..<b).map { (outputs[$0], attention[$0]) }
    }
}
