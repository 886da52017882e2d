import Autodiff
import Layers

extension Seq2Seq {
    /// Greedy decoding of a batch of source sentences (ids without padding, each ending in </s>).
    /// Returns, per sentence, the output ids (without </s>) and, if asked, the attention weights
    /// of each produced token over the source positions.
    public func greedy(_ sources: [[Int32]], maxLength: (Int) -> Int,
                       keepAttention: Bool = false) -> [(ids: [Int32], attention: [[Float]])] {
        Tape.withoutRecording {
            let encoded = SourceBatch(sources)
            var unused = SeededGenerator(seed: 0)
            let (memory, initial) = encode(encoded.ids, layout: encoded.layout, using: &unused)
            var state = initial
            let b = sources.count
            let limits = sources.map { maxLength($0.count) }
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
                                                                        count: sources[row].count)))
                    }
                }
                step += 1
            }
            return (0..<b).map { (outputs[$0], attention[$0]) }
        }
    }
}

/// Source sentences packed into the time-major padded layout the encoder reads.
struct SourceBatch {
    let ids: [Int32]
    let layout: SequenceLayout

    init(_ sources: [[Int32]]) {
        let lengths = sources.map(\.count)
        let steps = lengths.max() ?? 0
        let b = sources.count
        var ids = [Int32](repeating: SpecialTokens.pad, count: steps * b)
        for (row, sentence) in sources.enumerated() {
            for (t, id) in sentence.enumerated() { ids[t * b + row] = id }
        }
        self.ids = ids
        layout = SequenceLayout(lengths: lengths, steps: steps)
    }
}
