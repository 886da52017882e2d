import Autodiff
import Dispatch
import Foundation
import Text
import Model
import Search

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
        public var inputLimit = InputLengthLimit(SearchSettings())
        public var keepAttention = false
        /// Repetition and minimum-length guards, off by default.
        public var guards = SearchGuards()
        /// Score only the shortlist's candidates when the translator has one (`--shortlist off`: all).
        public var useShortlist = true
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

    /// The model, or several decoding as one (`nmt translate --checkpoint A --checkpoint B`).
    public let ensemble: Ensemble
    public var model: Seq2Seq { ensemble.models[0] }
    public let codec: TextCodec
    public var options: Options
    /// The output shortlist of the (first) checkpoint, used unless `options.useShortlist` is false.
    public let shortlist: Shortlist?

    public init(model: Seq2Seq, codec: TextCodec, options: Options = Options(), shortlist: Shortlist? = nil) {
        self.init(ensemble: Ensemble(models: [model]), codec: codec, options: options, shortlist: shortlist)
    }

    /// Every member must have been trained with `codec`'s vocabularies (`Ensemble(checkpoints:)` checks).
    public init(ensemble: Ensemble, codec: TextCodec, options: Options = Options(), shortlist: Shortlist? = nil) {
        self.ensemble = ensemble
        self.codec = codec
        self.options = options
        self.shortlist = shortlist
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
        // Shortest first, so that each batch pads little; indices map back into `nonEmpty`.
        let batches = Batcher.sourceBatches(nonEmpty.map { encoded[$0] }, size: .sentences(options.batchSize))
        // One batch per core, each with its products on that core: decoding GEMMs have 64–320 rows
        // and split poorly across threads, while whole batches are independent. A free worker takes
        // the longest batch left, so the last to start are the shortest and neither core waits
        // long for the other at the end. Each output slot is written by exactly one worker.
        let workers = min(Parallel.cores, batches.count)
        let slots = UnsafeMutableBufferPointer<Output?>.allocate(capacity: outputs.count)
        _ = slots.initialize(from: outputs)
        defer { slots.deallocate() }
        let queue = WorkQueue(Array(batches.indices.reversed()))
        let run = {
            while let batch = queue.next() {
                let indices = batches[batch].indices.map { nonEmpty[$0] }
                for (index, output) in zip(indices, translate(batches[batch], lines: indices.map { lines[$0] })) {
                    slots[index] = output
                }
            }
        }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in Parallel.onOneCore { run() } }
        } else {
            run()
        }
        outputs = Array(slots)
        _ = slots.deinitialize()
        BufferPool.drainIfLarge()
        return outputs.map { $0! }
    }

    /// Searches one source-only batch of (non-empty) sentences, the encodings of `lines`.
    private func translate(_ batch: Batch, lines: [String]) -> [Output] {
        let ratio = options.maxLengthRatio
        let maxLength = { (length: Int) in Int(ratio * Float(length - 1)) + 10 }
        // Beam 1 is greedy search exactly (BeamSearchTests), and greedy skips the log-softmax.
        let shortlist = options.useShortlist ? self.shortlist : nil
        let results = options.beamSize == 1 && options.nBest == 1
            ? ensemble.greedy(batch, maxLength: maxLength, keepAttention: options.keepAttention, guards: options.guards,
                              shortlist: shortlist)
                .map { [Hypothesis(ids: $0.ids, score: 0, attention: $0.attention)] }
            : ensemble.beamSearch(batch, beamSize: options.beamSize, lengthPenalty: options.lengthPenalty,
                                  maxLength: maxLength, nBest: options.nBest, keepAttention: options.keepAttention,
                                  guards: options.guards, shortlist: shortlist)
        return zip(lines, results).map { line, hypotheses in
            let best = hypotheses.first ?? Hypothesis(ids: [], score: 0, attention: [])
            return Output(text: codec.decodeTarget(best.ids),
                          hypotheses: hypotheses.map { (codec.decodeTarget($0.ids), $0.score) },
                          sourceTokens: codec.sourceTokens(line).prefix(options.inputLimit.maximumUnits) + ["</s>"],
                          targetTokens: codec.targetTokens(best.ids),
                          attention: best.attention)
        }
    }
}
