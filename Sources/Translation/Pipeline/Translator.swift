import Autodiff
import Batching
import Dispatch
import Foundation
import Model
import Search
import Text

/// Lines in, translations out, in input order: encode, batch by length, search, decode.
public struct Translator {
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
    public var settings: SearchSettings
    /// The output shortlist of the (first) checkpoint, used unless `settings.useShortlist` is false.
    public let shortlist: Shortlist?

    public init(model: Seq2Seq, codec: TextCodec, settings: SearchSettings = SearchSettings(), shortlist: Shortlist? = nil) {
        self.init(ensemble: Ensemble(models: [model]), codec: codec, settings: settings, shortlist: shortlist)
    }

    /// Every member must have been trained with `codec`'s vocabularies (`Ensemble(checkpoints:)` checks).
    public init(ensemble: Ensemble, codec: TextCodec, settings: SearchSettings = SearchSettings(), shortlist: Shortlist? = nil) {
        self.ensemble = ensemble
        self.codec = codec
        self.settings = settings
        self.shortlist = shortlist
    }

    /// Translations of `lines`, in their order.
    public func translate(_ lines: [String]) -> [Output] {
        var outputs = [Output?](repeating: nil, count: lines.count)
        let encoded = lines.map { settings.inputLimit.apply(codec.encodeSource($0)) }
        // Empty lines translate to empty lines without running the model.
        let nonEmpty = encoded.indices.filter { !encoded[$0].isEmpty }
        for index in encoded.indices where encoded[index].isEmpty {
            outputs[index] = Output(text: "", hypotheses: [("", 0)], sourceTokens: [], targetTokens: [], attention: [])
        }
        // Shortest first, so that each batch pads little; indices map back into `nonEmpty`.
        let batches = Batcher.sourceBatches(nonEmpty.map { encoded[$0] }, size: .sentences(settings.batchSize))
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
        // A source length here counts its </s>.
        let maxLength = { [settings] (length: Int) in settings.maxOutputLength(sourceLength: length - 1) }
        // Beam 1 is greedy search exactly (BeamSearchTests), and greedy skips the log-softmax.
        let shortlist = settings.useShortlist ? self.shortlist : nil
        let results = settings.beam == 1 && settings.nBest == 1
            ? ensemble.greedy(batch, maxLength: maxLength, keepAttention: settings.keepAttention, guards: settings.guards,
                              shortlist: shortlist)
                .map { [Hypothesis(ids: $0.ids, score: 0, attention: $0.attention)] }
            : ensemble.beamSearch(batch, beamSize: settings.beam, lengthPenalty: settings.lengthPenalty,
                                  maxLength: maxLength, nBest: settings.nBest, keepAttention: settings.keepAttention,
                                  guards: settings.guards, shortlist: shortlist)
        return zip(lines, results).map { line, hypotheses in
            let best = hypotheses.first ?? Hypothesis(ids: [], score: 0, attention: [])
            return Output(text: codec.decodeTarget(best.ids),
                          hypotheses: hypotheses.map { (codec.decodeTarget($0.ids), $0.score) },
                          sourceTokens: codec.sourceTokens(line).prefix(settings.inputLimit.maximumUnits) + ["</s>"],
                          targetTokens: codec.targetTokens(best.ids),
                          attention: best.attention)
        }
    }
}
