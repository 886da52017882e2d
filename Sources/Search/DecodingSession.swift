import Autodiff
import Batching
import Layers
import Model
import Text

/// What a search keeps between steps, whatever the architecture: the memory of the sentences
/// still searching and each row's decoder state (the LSTM's (s, c), or every Transformer
/// layer's cached self-attention keys and values). One row per hypothesis.
package protocol DecodingSession {
    /// The target id of each column of the logits when the session scores only a subset of the
    /// vocabulary (a shortlist's candidates for the batch), ascending; nil: column j is id j.
    var columnIDs: [Int32]? { get }
    /// Every row's next-token logits [R, V] (or [R, C] over `columnIDs`) and attention over the
    /// source [R, S], from each row's previous token [R]; the rows' states advance past it.
    mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor)
    /// Every row's next-token log-probabilities into `output` [R·V] (or [R·C]) and the attention
    /// [R, S]: the log-softmax of `step`'s logits, unless the session scores otherwise (an
    /// ensemble). `vocabulary` is the number of columns, V or C.
    mutating func logProbabilities(_ previous: [Int32], into output: inout [Float]) -> (vocabulary: Int, weights: Tensor)
    /// Row r of the next step continues from row rows[r] of the last one.
    mutating func continueRows(_ rows: [Int32])
    /// Only `sentences` of the `count` sentences searching (each now with `rowsPerSentence` rows)
    /// stay, each with `repeats` rows reading its memory.
    mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int)
}

package extension DecodingSession {
    var columnIDs: [Int32]? { nil }

    mutating func logProbabilities(_ previous: [Int32], into output: inout [Float]) -> (vocabulary: Int, weights: Tensor) {
        let result = step(previous)
        LogSoftmax.rows(result.logits, into: &output)
        return (result.logits.columns, result.weights)
    }
}

package enum LogSoftmax {
    /// Row-wise log-softmax of logits [N, V] into a flat array: log p_j = x_j − log Σ exp(x).
    static func rows(_ logits: Tensor, into output: inout [Float]) {
        let n = logits.rows, v = logits.columns
        if output.count != n * v { output = [Float](repeating: 0, count: n * v) }
        output.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            Parallel.forEachChunk(n, threshold: max(1, Parallel.threshold / v)) { range in
                for r in range {
                    let x = logits.data + r * v, y = o + r * v
                    let shift = FastMath.logNormalizer(x, count: v)
                    for j in 0..<v { y[j] = x[j] - shift }
                }
            }
        }
    }
}

/// The recurrent decoder: the memory of the batch's sentences as encoded (each row reads its
/// sentence's memory in place: never copied per beam) and one (s, c) per row.
package struct RecurrentSession: DecodingSession {
    let decoder: AttentionalLSTMDecoder
    let memory: Memory
    var state: DecoderState
    /// The shortlist's output columns for this batch, if any.
    var subset: OutputSubset?
    var columns: MemoryColumns
    package var columnIDs: [Int32]? { subset?.ids }

    init(decoder: AttentionalLSTMDecoder, memory: Memory, state: DecoderState, subset: OutputSubset?) {
        self.decoder = decoder
        self.memory = memory
        self.state = state
        self.subset = subset
        columns = .identity(memory.layout.batch)
    }

    package mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor) {
        let result = decoder.step(previous, state: state, memory: memory, columns: columns, subset: subset)
        state = result.state
        return (result.logits, result.weights)
    }

    package mutating func continueRows(_ rows: [Int32]) {
        state = DecoderState(hidden: state.hidden.gatherRows(rows), cell: state.cell.gatherRows(rows))
    }

    package mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int) {
        precondition(count * rowsPerSentence == columns.columns.count, "\(count) sentences of \(rowsPerSentence) rows, \(columns.columns.count) rows")
        columns = columns.keeping(sentences, rowsPerSentence: rowsPerSentence, repeats: repeats)
    }
}

/// The Transformer decoder: per layer, the cross-attention memory of the batch's sentences as
/// encoded (each row reads its sentence's memory in place: never copied per beam) and a
/// self-attention cache.
package struct TransformerSession: DecodingSession {
    let decoder: TransformerDecoder
    let memories: [Memory]
    let caches: [SelfAttentionCache]
    var columns: MemoryColumns
    var position = 0
    var subset: OutputSubset?
    package var columnIDs: [Int32]? { subset?.ids }

    init(decoder: TransformerDecoder, memories: [Memory], subset: OutputSubset?) {
        self.decoder = decoder
        self.memories = memories
        self.subset = subset
        caches = memories.map { _ in SelfAttentionCache() }
        columns = .identity(memories.first?.layout.batch ?? 0)
    }

    package mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor) {
        defer { position += 1 }
        return decoder.step(previous, position: position, caches: caches, memories: memories, columns: columns, subset: subset)
    }

    package mutating func continueRows(_ rows: [Int32]) {
        for cache in caches { cache.continueRows(rows) }
    }

    package mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int) {
        precondition(count * rowsPerSentence == columns.columns.count, "\(count) sentences of \(rowsPerSentence) rows, \(columns.columns.count) rows")
        columns = columns.keeping(sentences, rowsPerSentence: rowsPerSentence, repeats: repeats)
    }
}

package extension Seq2Seq {
    /// Encodes a source-only batch (one row per sentence) and starts its search; with a
    /// shortlist, the output layer scores only its candidates for the batch's source units.
    func decodingSession(_ batch: Batch, shortlist: Shortlist? = nil) -> any DecodingSession {
        let candidates = shortlist?.candidates(for: batch.sourceIDs)
        switch architecture {
        case .recurrent(_, _, let decoder):
            let (memory, state) = encode(batch.sourceIDs, layout: batch.sourceLayout, mode: .inference)
            return RecurrentSession(decoder: decoder, memory: memory, state: state, subset: candidates.map(decoder.outputSubset))
        case .transformer(let transformer):
            return TransformerSession(decoder: transformer.decoder,
                                      memories: transformer.encode(batch.sourceIDs, layout: batch.sourceLayout, mode: .inference),
                                      subset: candidates.map(transformer.decoder.outputSubset))
        }
    }
}
