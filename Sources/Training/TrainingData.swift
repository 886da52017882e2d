import Batching
import Foundation
import Text
import Translation

/// The corpus side of training: the codec (segmentation and vocabularies) learned from the
/// training split, the encoded training pairs, and the validation split as lines.
public struct TrainingData {
    public let codec: TextCodec
    public let pairs: [EncodedPair]
    public let validSources: [String]
    public let validReferences: [String]
    /// Validation pairs encoded, for the validation loss.
    public let validPairs: [EncodedPair]
    /// The training split's files, for messages: "data/train.en and data/train.de".
    public let trainFiles: String

    /// Reads the splits named in `config.data`; builds BPE merges and vocabularies from the
    /// training split unless `codec` (from a checkpoint being resumed) is given.
    public init(_ config: TrainingConfiguration, codec existing: TextCodec? = nil, log: (String) -> Void = { _ in }) throws {
        let data = config.data
        trainFiles = "\(data.train).\(data.sourceLanguage.code) and \(data.train).\(data.targetLanguage.code)"
        let train = try ParallelCorpus(prefix: data.train, sourceSuffix: data.sourceLanguage.code,
                                       targetSuffix: data.targetLanguage.code).readAll()
        guard !train.isEmpty else { throw TrainingError.unusableData("no training pairs in \(trainFiles): the files are empty") }
        let valid = try ParallelCorpus(prefix: data.valid, sourceSuffix: data.sourceLanguage.code,
                                       targetSuffix: data.targetLanguage.code).readAll()
        if let existing {
            codec = existing
            pairs = Self.encode(train, existing)
        } else {
            (codec, pairs) = try Self.build(config, train: train, log: log)
        }
        validSources = valid.map(\.source)
        validReferences = valid.map(\.target)
        validPairs = Self.encode(valid, codec)
    }

    static func encode(_ pairs: [SentencePair], _ codec: TextCodec) -> [EncodedPair] {
        concurrentMap(pairs) { EncodedPair(source: codec.encodeSource($0.source), target: codec.encodeTarget($0.target)) }
    }

    /// `transform` of every element, the array split across the cores (segmenting is per line).
    static func concurrentMap<T, U>(_ items: [T], _ transform: (T) -> U) -> [U] {
        let chunks = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (items.count + chunks - 1) / max(chunks, 1)
        var parts = [[U]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { parts in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = min(items.count, chunk * size)..<min(items.count, (chunk + 1) * size)
                parts[chunk] = items[range].map(transform)
            }
        }
        return parts.flatMap { $0 }
    }

    /// Learns BPE (if asked) and the vocabularies from the training split, and encodes it. Each
    /// line is tokenized once: the tokens feed BPE learning, their segmentation feeds both the
    /// vocabulary counts and the ids.
    static func build(_ config: TrainingConfiguration, train: [SentencePair],
                      log: (String) -> Void) throws -> (TextCodec, [EncodedPair]) {
        let data = config.data, segmentation = config.segmentation
        let settings = TextCodec.Settings(sourceLanguage: data.sourceLanguage.code, targetLanguage: data.targetLanguage.code,
                                          lowercase: data.lowercase, tokenized: data.tokenized, segmentation: segmentation.kind)
        let sourceTokenizer = TextPipeline(language: data.sourceLanguage, lowercase: data.lowercase)
        let targetTokenizer = TextPipeline(language: data.targetLanguage, lowercase: data.lowercase)
        let tokens = concurrentMap(train) {
            (TextCodec.tokens($0.source, settings, sourceTokenizer), TextCodec.tokens($0.target, settings, targetTokenizer))
        }
        var sourceMerges: BPEMerges?, targetMerges: BPEMerges?
        if segmentation.kind == .bpe {
            var source = BPELearner(), target = BPELearner()
            for (s, _) in tokens { source.add(line: s.joined(separator: " ")) }
            // Joint BPE: one learner sees the source file, then the target file, as if concatenated.
            for (_, t) in tokens where segmentation.joint { source.add(line: t.joined(separator: " ")) }
            for (_, t) in tokens where !segmentation.joint { target.add(line: t.joined(separator: " ")) }
            sourceMerges = source.learn(merges: segmentation.merges)
            targetMerges = segmentation.joint ? sourceMerges : target.learn(merges: segmentation.merges)
            log("learned \(sourceMerges!.merges.count) BPE merges\(segmentation.joint ? " (joint)" : "")")
        }
        let sourceSegmentation = try TextCodec.pipeline(settings, language: settings.sourceLanguage, merges: sourceMerges).segmentation
        let targetSegmentation = try TextCodec.pipeline(settings, language: settings.targetLanguage, merges: targetMerges).segmentation
        let units = concurrentMap(tokens) { (sourceSegmentation.segment($0.0), targetSegmentation.segment($0.1)) }
        let maxSize = segmentation.maxVocabulary > 0 ? segmentation.maxVocabulary : nil
        let sourceVocabulary = Vocabulary(counting: units.lazy.map(\.0), minFrequency: segmentation.minFrequency, maxSize: maxSize)
        let targetVocabulary = Vocabulary(counting: units.lazy.map(\.1), minFrequency: segmentation.minFrequency, maxSize: maxSize)
        log("vocabularies: \(sourceVocabulary.count) source, \(targetVocabulary.count) target units")
        let codec = try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                                  sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
        let pairs = units.map { EncodedPair(source: sourceVocabulary.encode($0.0), target: targetVocabulary.encode($0.1)) }
        return (codec, pairs)
    }
}
