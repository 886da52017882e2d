import Batching
import Foundation
import Text
import Translation
import YAMLConfiguration

/// The corpus side of training: the codec (segmentation and vocabularies), the training pairs
/// prepared on disk and memory-mapped (`PreparedCorpus`, one run of positions per corpus with
/// its weight), and the validation split as lines.
///
/// The first run over the corpora prepares them (`CorpusPreparation`) into
/// `data.prepared_directory` (else OUTPUT_DIRECTORY/prepared) as `train.nmtdata`; a later run
/// reuses the file when it was made from the same corpus contents and filters and with the same
/// text settings (or, resuming or fine-tuning, the checkpoint's codec), and prepares it again
/// otherwise, saying why. The codec is learned first, on a sample of the training pairs
/// (`segmentation.sample_pairs`), unless it is given. In a group, the leader prepares and the
/// other ranks wait for it (a barrier), then map the same file.
public struct TrainingData {
    public let codec: TextCodec
    /// The training pairs, on disk.
    public let train: PreparedCorpus
    /// Each corpus's positions in `train` and its weight.
    public let groups: [PairGroup]
    public let validSources: [String]
    public let validReferences: [String]
    /// Validation pairs encoded, for the validation loss.
    public let validPairs: [EncodedPair]
    /// The training split's files, for messages: "data/train.en and data/train.de".
    public let trainFiles: String

    /// Every training pair in memory, in corpus order (for `nmt shortlist`, not for training).
    public var pairs: [EncodedPair] { (0..<train.count).map(train.pair) }

    /// What each corpus gave: pairs read, kept, and dropped per filter.
    public var corpusReports: [(name: String, read: Int, kept: Int, dropped: [String: Int])] {
        train.corpora.map { ($0.name, $0.read, $0.kept, $0.dropped) }
    }

    /// The digest of the prepared data's inputs, for checking that the ranks of a group agree.
    public var preparedKey: String { train.metadata.corpusKey + train.metadata.codecKey }

    /// Reads the splits named in `config.data`; learns BPE merges and vocabularies from a sample
    /// of the training split unless `codec` (from a checkpoint being resumed or fine-tuned) is
    /// given, or the prepared data already holds the codec of these settings.
    public init(_ config: TrainingConfiguration, codec existing: TextCodec? = nil, group: TrainingGroup = SingleProcessGroup(),
                log: @escaping (String) -> Void = { _ in }, status: @escaping (String) -> Void = { _ in }, showsStatus: Bool = false) throws {
        let data = config.data
        let corpora = data.train.corpora.map { corpus in
            (name: corpus.format == .tsv ? corpus.path : "\(corpus.path).{\(data.sourceLanguage.code),\(data.targetLanguage.code)}",
             corpus: TrainingConfiguration.TrainingCorpora.parallelCorpus(corpus, source: data.sourceLanguage.code,
                                                                          target: data.targetLanguage.code))
        }
        trainFiles = data.train.corpora.count == 1 && data.train.corpora[0].format == .files
            ? "\(data.train.corpora[0].path).\(data.sourceLanguage.code) and \(data.train.corpora[0].path).\(data.targetLanguage.code)"
            : corpora.map(\.name).joined(separator: ", ")
        let directory = data.preparedDirectory ?? "\(config.output.directory)/prepared"
        let path = "\(directory)/train.nmtdata"
        if group.isLeader {
            let preparation = PreparedData(configuration: config, corpora: corpora, path: path, trainFiles: trainFiles, log: log, status: status, showsStatus: showsStatus)
            try preparation.ensure(codec: existing)
        }
        try group.barrier()
        train = try PreparedCorpus(path: path)
        if let existing, try CodecRecord(existing) != train.metadata.codec {
            throw TrainingError.unusableData("\(path) was prepared with another codec than the checkpoint's")
        }
        codec = try existing ?? train.codec()
        groups = zip(train.corpora, data.train.corpora).map { counts, corpus in
            PairGroup(range: counts.first..<(counts.first + counts.kept), weight: corpus.weight)
        }
        guard train.count > 0 else {
            throw TrainingError.unusableData("no training pairs in \(trainFiles): the files are empty or every pair was filtered out")
        }
        let valid = try ParallelCorpus(prefix: data.valid, sourceSuffix: data.sourceLanguage.code,
                                       targetSuffix: data.targetLanguage.code).readAll()
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

    /// Learns the codec from `train` (the sample of the training pairs): BPE merges or a
    /// SentencePiece model, and the vocabularies, unless the configuration names files to use
    /// instead. Each line is tokenized once: the tokens feed BPE learning (for SentencePiece, the
    /// normalized line feeds its training), their segmentation the vocabulary counts.
    static func build(_ config: TrainingConfiguration, train: [SentencePair],
                      log: (String) -> Void) throws -> TextCodec {
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
            (sourceModel, targetModel) = try sentencePieceModels(segmentation, tokens, files: trainingFiles(data), log: log)
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
        return try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                             sourceSentencePiece: sourceModel, targetSentencePiece: targetModel,
                             sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
    }

    /// The training corpora's source and target sides, for messages: `data/train.en`, or
    /// `a.tsv, b.{en,de}` on both sides when there are several corpora or TSV files.
    static func trainingFiles(_ data: TrainingConfiguration.DataSection) -> (source: String, target: String) {
        let corpora = data.train.corpora
        if corpora.count == 1 && corpora[0].format == .files { return data.files(prefix: corpora[0].path) }
        let names = corpora.map { $0.format == .tsv ? $0.path : "\($0.path).{\(data.sourceLanguage.code),\(data.targetLanguage.code)}" }
            .joined(separator: ", ")
        return ("the source side of \(names)", "the target side of \(names)")
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
