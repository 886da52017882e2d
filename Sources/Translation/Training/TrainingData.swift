import Foundation
import Text

/// The corpus side of training: the codec (segmentation and vocabularies) learned from the
/// training split, the encoded training pairs, and the validation split as lines.
public struct TrainingData {
    public let codec: TextCodec
    public let pairs: [EncodedPair]
    public let validSources: [String]
    public let validReferences: [String]
    /// Validation pairs encoded, for the validation loss.
    public let validPairs: [EncodedPair]

    /// Reads the splits named in `config.data`; builds BPE merges and vocabularies from the
    /// training split unless `codec` (from a checkpoint being resumed) is given.
    public init(_ config: TrainingConfiguration, codec existing: TextCodec? = nil, log: (String) -> Void = { _ in }) throws {
        let data = config.data
        let train = try ParallelCorpus(prefix: data.train, sourceSuffix: data.sourceLanguage.rawValue,
                                       targetSuffix: data.targetLanguage.rawValue).readAll()
        let valid = try ParallelCorpus(prefix: data.valid, sourceSuffix: data.sourceLanguage.rawValue,
                                       targetSuffix: data.targetLanguage.rawValue).readAll()
        let codec = try existing ?? Self.buildCodec(config, train: train, log: log)
        self.codec = codec
        // Segmenting is per line and independent: split the corpus across the cores.
        pairs = Self.encode(train, codec)
        validSources = valid.map(\.source)
        validReferences = valid.map(\.target)
        validPairs = Self.encode(valid, codec)
    }

    static func encode(_ pairs: [SentencePair], _ codec: TextCodec) -> [EncodedPair] {
        var encoded = [EncodedPair](repeating: EncodedPair(source: [], target: []), count: pairs.count)
        let lock = NSLock()
        let chunks = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (pairs.count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * size)..<min(pairs.count, (chunk + 1) * size)
            guard !range.isEmpty else { return }
            let part = range.map { EncodedPair(source: codec.encodeSource(pairs[$0].source), target: codec.encodeTarget(pairs[$0].target)) }
            lock.lock()
            encoded.replaceSubrange(range, with: part)
            lock.unlock()
        }
        return encoded
    }

    /// Learns BPE (if asked) on the tokenized training text, then counts the vocabularies.
    static func buildCodec(_ config: TrainingConfiguration, train: [SentencePair], log: (String) -> Void) throws -> TextCodec {
        let data = config.data, segmentation = config.segmentation
        let settings = TextCodec.Settings(sourceLanguage: data.sourceLanguage.rawValue, targetLanguage: data.targetLanguage.rawValue,
                                          lowercase: data.lowercase, tokenized: data.tokenized, segmentation: segmentation.kind.rawValue)
        // Tokens only (word segmentation) to learn BPE from.
        let plain = TextCodec.Settings(sourceLanguage: settings.sourceLanguage, targetLanguage: settings.targetLanguage,
                                       lowercase: settings.lowercase, tokenized: settings.tokenized, segmentation: "word")
        let tokenizer = try TextCodec(settings: plain, sourceMerges: nil, targetMerges: nil,
                                      sourceVocabulary: try Vocabulary(words: []), targetVocabulary: try Vocabulary(words: []))
        var sourceMerges: BPEMerges?, targetMerges: BPEMerges?
        if segmentation.kind == .bpe {
            let sourceTokens = train.map { tokenizer.sourceUnits($0.source).joined(separator: " ") }
            let targetTokens = train.map { tokenizer.targetUnits($0.target).joined(separator: " ") }
            if segmentation.joint {
                var learner = BPELearner()
                for line in sourceTokens { learner.add(line: line) }
                for line in targetTokens { learner.add(line: line) }
                sourceMerges = learner.learn(merges: segmentation.merges)
                targetMerges = sourceMerges
            } else {
                var source = BPELearner(), target = BPELearner()
                for line in sourceTokens { source.add(line: line) }
                for line in targetTokens { target.add(line: line) }
                sourceMerges = source.learn(merges: segmentation.merges)
                targetMerges = target.learn(merges: segmentation.merges)
            }
            log("learned \(sourceMerges!.merges.count) BPE merges\(segmentation.joint ? " (joint)" : "")")
        }
        let segmenter = try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                                      sourceVocabulary: try Vocabulary(words: []), targetVocabulary: try Vocabulary(words: []))
        let maxSize = segmentation.maxVocabulary > 0 ? segmentation.maxVocabulary : nil
        let sourceVocabulary = Vocabulary(counting: train.lazy.map { segmenter.sourceUnits($0.source) },
                                          minFrequency: segmentation.minFrequency, maxSize: maxSize)
        let targetVocabulary = Vocabulary(counting: train.lazy.map { segmenter.targetUnits($0.target) },
                                          minFrequency: segmentation.minFrequency, maxSize: maxSize)
        log("vocabularies: \(sourceVocabulary.count) source, \(targetVocabulary.count) target units")
        return try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                             sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
    }
}
