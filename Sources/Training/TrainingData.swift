import Batching
import Foundation
import Text
import Translation
import YAMLConfiguration

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

    /// Builds the codec from the training split (learning BPE merges or a SentencePiece model
    /// and counting vocabularies, unless the configuration names files to use instead), and
    /// encodes the split. Each line is tokenized once: the tokens feed BPE learning (for
    /// SentencePiece, the normalized line feeds its training), their segmentation feeds both the
    /// vocabulary counts and the ids.
    static func build(_ config: TrainingConfiguration, train: [SentencePair],
                      log: (String) -> Void) throws -> (TextCodec, [EncodedPair]) {
        let data = config.data, segmentation = config.segmentation
        let settings = TextCodec.Settings(sourceLanguage: data.sourceLanguage.code, targetLanguage: data.targetLanguage.code,
                                          lowercase: data.lowercase, tokenized: data.tokenized, segmentation: segmentation.kind,
                                          sharedVocabulary: segmentation.shareVocabulary)
        let sourceTokenizer = try TextCodec.tokenizer(settings, language: settings.sourceLanguage)
        let targetTokenizer = try TextCodec.tokenizer(settings, language: settings.targetLanguage)
        let tokens = concurrentMap(train) {
            (TextCodec.tokens($0.source, settings, sourceTokenizer), TextCodec.tokens($0.target, settings, targetTokenizer))
        }
        var sourceMerges: BPEMerges?, targetMerges: BPEMerges?
        var sourceModel: SentencePieceModel?, targetModel: SentencePieceModel?
        switch segmentation.kind {
        case .bpe: (sourceMerges, targetMerges) = try merges(segmentation, tokens, log: log)
        case .sentencePiece:
            let files = data.files(prefix: data.train)
            (sourceModel, targetModel) = try sentencePieceModels(segmentation, tokens, files: files, log: log)
        case .word, .character: break
        }
        let sourceSegmentation = try TextCodec.pipeline(settings, language: settings.sourceLanguage, merges: sourceMerges,
                                                        sentencePiece: sourceModel).segmentation
        let targetSegmentation = try TextCodec.pipeline(settings, language: settings.targetLanguage, merges: targetMerges,
                                                        sentencePiece: targetModel).segmentation
        let units = concurrentMap(tokens) { (sourceSegmentation.segment($0.0), targetSegmentation.segment($0.1)) }
        let (sourceVocabulary, targetVocabulary) = try vocabularies(segmentation, units, sourceModel, targetModel)
        log("vocabularies: \(sourceVocabulary.count) source, \(targetVocabulary.count) target units"
            + (segmentation.shareVocabulary ? " (shared)" : ""))
        let codec = try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                                  sourceSentencePiece: sourceModel, targetSentencePiece: targetModel,
                                  sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
        let pairs = units.map { EncodedPair(source: sourceVocabulary.encode($0.0), target: targetVocabulary.encode($0.1)) }
        return (codec, pairs)
    }

    /// The merges of `merges_file`, or merges learned from the tokens: one set on both sides
    /// (joint), or one per side.
    static func merges(_ segmentation: TrainingConfiguration.SegmentationSection, _ tokens: [([String], [String])],
                       log: (String) -> Void) throws -> (BPEMerges, BPEMerges) {
        if let given = try segmentation.givenMerges() {
            log("BPE merges: \(given.merges.count) from \(segmentation.mergesFile!)")
            return (given, given)
        }
        var source = BPELearner(), target = BPELearner()
        for (s, _) in tokens { source.add(line: s.joined(separator: " ")) }
        // Joint BPE: one learner sees the source file, then the target file, as if concatenated.
        for (_, t) in tokens where segmentation.joint { source.add(line: t.joined(separator: " ")) }
        for (_, t) in tokens where !segmentation.joint { target.add(line: t.joined(separator: " ")) }
        let sourceMerges = source.learn(merges: segmentation.merges)
        let targetMerges = segmentation.joint ? sourceMerges : target.learn(merges: segmentation.merges)
        log("learned \(sourceMerges.merges.count) BPE merges\(segmentation.joint ? " (joint)" : "")")
        return (sourceMerges, targetMerges)
    }

    /// The model of `model_file` on both sides, or models trained on the normalized lines: one
    /// on both sides' lines when the vocabulary is shared (the source lines, then the target
    /// lines), else one per side.
    /// A model the library refuses to train is a configuration error naming the files and the
    /// options.
    static func sentencePieceModels(_ segmentation: TrainingConfiguration.SegmentationSection, _ tokens: [([String], [String])],
                                    files: (source: String, target: String),
                                    log: (String) -> Void) throws -> (SentencePieceModel, SentencePieceModel) {
        if let given = try segmentation.givenSentencePieceModel() {
            log("SentencePiece model: \(given.pieces.count) pieces from \(segmentation.modelFile!)")
            return (given, given)
        }
        let training = segmentation.sentencePieceTraining
        func train(_ lines: [String], _ text: String) throws -> SentencePieceModel {
            do {
                return try training.train(lines)
            } catch let error as TextError {
                throw ConfigurationError(.invalidValue, file: text, keyPath: "segmentation", message: "\(error) (model_type "
                    + "\(training.modelType.rawValue), vocabulary_size \(training.vocabularySize), character_coverage \(training.characterCoverage))")
            }
        }
        let sourceLines = tokens.map { $0.0.joined(separator: " ") }
        let targetLines = tokens.map { $0.1.joined(separator: " ") }
        let models: (SentencePieceModel, SentencePieceModel)
        if segmentation.shareVocabulary {
            let model = try train(sourceLines + targetLines, "\(files.source) and \(files.target)")
            models = (model, model)
        } else {
            models = (try train(sourceLines, files.source), try train(targetLines, files.target))
        }
        log("trained SentencePiece \(training.modelType.rawValue) \(segmentation.shareVocabulary ? "model" : "models") "
            + "of \(training.vocabularySize) pieces\(segmentation.shareVocabulary ? " (shared)" : "")")
        return models
    }

    /// The vocabularies of `vocabulary_files`, of the SentencePiece models' pieces, or counted
    /// from the units: on both sides together when shared.
    static func vocabularies(_ segmentation: TrainingConfiguration.SegmentationSection, _ units: [([String], [String])],
                             _ sourceModel: SentencePieceModel?, _ targetModel: SentencePieceModel?) throws -> (Vocabulary, Vocabulary) {
        if let given = try segmentation.givenVocabularies() { return given }
        if let sourceModel, let targetModel {
            let source = try Vocabulary(sentencePiece: sourceModel)
            return (source, sourceModel === targetModel ? source : try Vocabulary(sentencePiece: targetModel))
        }
        let maxSize = segmentation.maxVocabulary > 0 ? segmentation.maxVocabulary : nil
        if segmentation.shareVocabulary {
            let shared = Vocabulary(counting: units.lazy.flatMap { [$0.0, $0.1] }, minFrequency: segmentation.minFrequency, maxSize: maxSize)
            return (shared, shared)
        }
        return (Vocabulary(counting: units.lazy.map(\.0), minFrequency: segmentation.minFrequency, maxSize: maxSize),
                Vocabulary(counting: units.lazy.map(\.1), minFrequency: segmentation.minFrequency, maxSize: maxSize))
    }
}
