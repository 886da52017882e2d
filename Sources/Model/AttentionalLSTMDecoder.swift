import Autodiff
import Layers

/// The attentional decoder (Bahdanau et al., 2015, as later toolkits settled it):
///   c_t = attention(s_{t−1}, memory)
///   s_t = LSTM([E y_{t−1}; c_t], s_{t−1})
///   o_t = tanh(W_o [s_t; c_t; E y_{t−1}] + b_o)
///   p(y_t) = softmax(W_v o_t + b_v)
/// In training the embedding part of the LSTM input and the whole readout run over all T·B
/// positions at once; only the recurrence is per step.
public final class AttentionalLSTMDecoder: Layer {
    public let embedding: Embedding
    public let attention: AttentionMechanism
    /// LSTM input weights split by input: E y [E, 4H], context [M, 4H]; recurrent [H, 4H].
    public let embeddingWeight: Tensor
    public let contextWeight: Tensor
    public let hiddenWeight: Tensor
    public let bias: Tensor
    public let preOutput: MultiInputLinear      // [s; c; E y] → preOutputSize
    public let output: Linear?                  // preOutputSize → V (nil when tied)
    public let outputBias: Tensor?              // [V] when tied
    /// False when the embedding is the encoder's (`tie_embeddings: all`).
    private let ownsEmbedding: Bool
    public let hiddenSize: Int

    /// The output layer restricted to `ids`, for a search that scores only those.
    package func outputSubset(_ ids: [Int32]) -> OutputSubset {
        OutputSubset(ids: ids, output: output, embedding: embedding, tiedBias: outputBias)
    }

    /// `sharedEmbedding`: the encoder's embedding, read as the target embedding too
    /// (`tie_embeddings: all`); it is then the encoder's parameter, not listed here.
    init(_ config: ModelConfiguration, sharedEmbedding: Embedding? = nil, using generator: inout SeededGenerator) {
        let h = config.decoderHiddenSize, e = config.embeddingSize, m = config.memorySize
        hiddenSize = h
        embedding = sharedEmbedding ?? Embedding(vocabularySize: config.targetVocabularySize, dimension: e, using: &generator)
        ownsEmbedding = sharedEmbedding == nil
        attention = makeAttention(config.attention, heads: config.attentionHeads, querySize: h, memorySize: m,
                                  attentionSize: config.attentionSize, using: &generator)
        let limit = (6 / Float(e + m + 4 * h)).squareRoot()
        embeddingWeight = Initializer.uniform([e, 4 * h], limit: limit, using: &generator)
        contextWeight = Initializer.uniform([m, 4 * h], limit: limit, using: &generator)
        hiddenWeight = Initializer.orthogonalBlocks(size: h, blocks: 4, using: &generator)
        bias = Initializer.zeros([4 * h])
        for j in h..<(2 * h) { bias.data[j] = 1 }
        preOutput = MultiInputLinear([h, m, e], config.preOutputSize, using: &generator)
        if config.tieEmbeddings.tiesOutput {
            precondition(config.preOutputSize == e, "tied embeddings need preOutputSize == embeddingSize")
            output = nil
            outputBias = Initializer.zeros([config.targetVocabularySize])
        } else {
            // U(±1/√fan-in) rather than Xavier: Xavier's fan-out term (the vocabulary) shrinks
            // the range about 1.6× and the first epoch learns slower (docs/design/layers.md).
            output = Linear(config.preOutputSize, config.targetVocabularySize, fanInScaled: true, using: &generator)
            outputBias = nil
        }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        var result = (ownsEmbedding ? embedding.parameters(prefixed: "embedding") : []) + attention.parameters(prefixed: "attention")
        result += [("lstm.w_embedding", embeddingWeight), ("lstm.w_context", contextWeight),
                   ("lstm.w_hidden", hiddenWeight), ("lstm.bias", bias)]
        result += preOutput.parameters(prefixed: "pre_output")
        if let output { result += output.parameters(prefixed: "output") }
        if let outputBias { result.append(("output.bias", outputBias)) }
        return result
    }

    /// The per-step part: attention with s_{t−1}, then the LSTM cell.
    /// embeddingGates: E y_{t−1}·W_e + b for these rows [B, 4H].
    /// `deferred` (training) takes the recurrent weights' gradients of all steps; `step` is t.
    /// `columns` (search): which sentence of `memory` each row reads.
    func recur(embeddingGates: Tensor, state: DecoderState, memory: Memory, columns: MemoryColumns? = nil,
               deferred: DeferredWeightGradient? = nil, step: Int = 0) -> (state: DecoderState, context: Tensor, weights: Tensor) {
        let (context, weights) = attention.attend(query: state.hidden, keys: memory.keys, memory: memory.values, mask: memory.mask,
                                                  columns: columns)
        let gates = Tensor.affine([(context, contextWeight), (state.hidden, hiddenWeight)], base: embeddingGates,
                                  deferring: deferred, step: step)
        let (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: state.cell)
        return (DecoderState(hidden: hidden, cell: cell), context, weights)
    }

    /// Logits [N, V] from states [N, H], contexts [N, M] and previous embeddings [N, E].
    /// With `subset`, logits [N, C] of its ids only.
    func readout(states: Tensor, contexts: Tensor, embeddings: Tensor, mode: ForwardMode, subset: OutputSubset? = nil) -> Tensor {
        let o = preOutput([states, contexts, embeddings]).tanh().dropout(mode)
        if let subset { return subset.logits(o) }
        if let output { return output(o) }
        return o.matmul(embedding.weight, transposeOther: true) + outputBias!
    }

    /// Teacher-forced decoding of a whole batch. inputs: [T·B] ids (<s> y₁ … y_{n}) time-major.
    /// Returns logits [T·B, V] and, if asked, the attention weights of every step ([B, S] each).
    func callAsFunction(_ inputs: [Int32], steps: Int, initial: DecoderState, memory: Memory, mode: ForwardMode,
                        keepAttention: Bool = false) -> (logits: Tensor, attention: [Tensor]) {
        let b = initial.hidden.rows
        let embedded = embedding(inputs).dropout(mode)                                // [T·B, E]
        let embeddingGates = Tensor.affine([(embedded, embeddingWeight)], bias: bias) // [T·B, 4H]
        var state = initial
        var states: [Tensor] = [], contexts: [Tensor] = [], attention: [Tensor] = []
        let deferred = DeferredWeightGradient.make(weights: [contextWeight, hiddenWeight], rows: b, steps: steps)
        for t in 0..<steps {
            let step = recur(embeddingGates: embeddingGates.sliceRows((t * b)..<((t + 1) * b)), state: state, memory: memory,
                             deferred: deferred, step: t)
            state = step.state
            states.append(state.hidden)
            contexts.append(step.context)
            if keepAttention { attention.append(step.weights) }
        }
        let logits = readout(states: Tensor.stackRows(states), contexts: Tensor.stackRows(contexts),
                             embeddings: embedded, mode: mode)
        return (logits, attention)
    }

    /// One step of search: previous ids [B] → logits [B, V] (with `subset`, [B, C] of its ids),
    /// the new state and attention weights; row b reads the sentence of `memory` that `columns`
    /// gives it.
    package func step(_ previous: [Int32], state: DecoderState, memory: Memory, columns: MemoryColumns,
                      subset: OutputSubset? = nil) -> (logits: Tensor, state: DecoderState, weights: Tensor) {
        let embedded = embedding(previous)
        let embeddingGates = Tensor.affine([(embedded, embeddingWeight)], bias: bias)
        let next = recur(embeddingGates: embeddingGates, state: state, memory: memory, columns: columns)
        let logits = readout(states: next.state.hidden, contexts: next.context, embeddings: embedded, mode: .inference, subset: subset)
        return (logits, next.state, next.weights)
    }
}
