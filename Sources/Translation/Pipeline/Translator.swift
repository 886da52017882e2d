import Autodiff
import Dispatch
import Foundation
import Text

/// Lines in, translations out, in input order: encode, batch by length, search, decode.
public struct Translator {
    public struct Options: Sendable {
        public var beamSize = 5
        public var lengthPenalty: Float = 1
        /// Output length limit: ratio × source length + 10.
        public var maxLengthRatio: Float = 2
        public var batchSize = 64
        public var nBest = 1
        /// Longer source lines are cut or skipped (see InputLengthLimit).
        public var inputLimit = InputLengthLimit(TrainingConfiguration.TranslationSection())
        public var keepAttention = false
        public init() {}
    }

    public struct Output {
        public var text: String
        public var hypotheses: [(text: String, score: Float)]
        public var sourceTokens: [String]
        public var targetTokens: [String]
        /// attention[t][i]: weight of source unit i (the last is </s>) for output unit t.
        public var attention: [[Float]]
    }

    public let model: Seq2Seq
    public let codec: TextCodec
    public var options: Options

    public init(model: Seq2Seq, codec: TextCodec, options: Options = Options()) {
        self.model = model
        self.codec = codec
        self.options = options
    }

    /// Translations of `lines`, in their order.
    public func translate(_ lines: [String]) -> [Output] {
        var outputs = [Output?](repeating: nil, count: lines.count)
        let encoded = lines.map { options.inputLimit.apply(codec.encodeSource($0)) }
        // Empty lines translate to empty lines without running the model.
        let nonEmpty = encoded.indices.filter { !encoded[$0].isEmpty }
        for index in encoded.indices where encoded[index].isEmpty {
            outputs[index] = Output(text: "", hypotheses: [("", 0)], sourceTokens: [], targetTokens: [], attention: [])
        }
        let order = nonEmpty.sorted { (encoded[$0].count, $0) < (encoded[$1].count, $1) }
        let batches = stride(from: 0, to: order.count, by: options.batchSize).map {
            Array(order[$0..<min($0 + options.batchSize, order.count)])
        }
        // One batch per core, each with single-threaded GEMMs: decoding GEMMs have 64–320 rows
        // and split poorly across threads, while whole batches are independent. Each output slot
        // is written by exactly one worker.
        let workers = min(Parallel.cores, batches.count)
        let slots = UnsafeMutableBufferPointer<Output?>.allocate(capacity: outputs.count)
        _ = slots.initialize(from: outputs)
        defer { slots.deallocate() }
        let run = { (worker: Int) in
            for batch in stride(from: worker, to: batches.count, by: workers) {
                for (index, output) in zip(batches[batch], translate(batch: batches[batch], encoded: encoded, lines: lines)) {
                    slots[index] = output
                }
            }
        }
        if workers > 1 {
            GEMM.singleThreaded {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in Parallel.onOneCore { run(worker) } }
            }
        } else {
            run(0)
        }
        outputs = Array(slots)
        _ = slots.deinitialize()
        BufferPool.drainIfLarge()
        return outputs.map { $0! }
    }

    /// Searches one batch of (non-empty) sentences given by their positions in `lines`.
    private func translate(batch indices: [Int], encoded: [[Int32]], lines: [String]) -> [Output] {
        let sources = indices.map { encoded[$0] + [SpecialTokens.eos] }
        let ratio = options.maxLengthRatio
        let maxLength = { (length: Int) in Int(ratio * Float(length - 1)) + 10 }
        // Beam 1 is greedy search exactly (BeamSearchTests), and greedy skips the log-softmax.
        let results = options.beamSize == 1 && options.nBest == 1
            ? model.greedy(sources, maxLength: maxLength, keepAttention: options.keepAttention)
                .map { [Hypothesis(ids: $0.ids, score: 0, attention: $0.attention)] }
            : model.beamSearch(sources, beamSize: options.beamSize, lengthPenalty: options.lengthPenalty,
                               maxLength: maxLength, nBest: options.nBest, keepAttention: options.keepAttention)
        return zip(indices, results).map { index, hypotheses in
            let best = hypotheses.first ?? Hypothesis(ids: [], score: 0, attention: [])
            return Output(text: codec.decodeTarget(best.ids),
                          hypotheses: hypotheses.map { (codec.decodeTarget($0.ids), $0.score) },
                          sourceTokens: codec.sourceTokens(lines[index]).prefix(options.inputLimit.maximumUnits) + ["</s>"],
                          targetTokens: codec.targetTokens(best.ids),
                          attention: best.attention)
        }
    }
}
