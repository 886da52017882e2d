import Foundation
import Text
import Translation

/// Makes sure the prepared-data file at `path` holds the training corpora as this configuration
/// (or a given codec) encodes them: reuses a file made from the same inputs, else learns the
/// codec if needed and prepares the file again, logging why.
///
/// A file is the same when its `corpusKey` (the corpora's bytes, formats and the filters) is
/// this run's, and either the codec given is the one it holds (`codecKey`) or, none given, its
/// `recipeKey` (every text setting of the data and segmentation sections, paths and training-
/// only keys aside) is this run's: a setting added to those sections later is covered without
/// a change here.
struct PreparedData {
    let configuration: TrainingConfiguration
    let corpora: [(name: String, corpus: ParallelCorpus)]
    let path: String
    /// The training files as messages name them.
    let trainFiles: String
    let log: (String) -> Void
    let status: (String) -> Void
    let showsStatus: Bool

    func ensure(codec existing: TextCodec?) throws {
        let corpusKey = try Self.corpusKey(configuration)
        let recipeKey = try Self.recipeKey(configuration)
        if FileManager.default.fileExists(atPath: path) {
            let reason: String
            do {
                let metadata = try PreparedCorpus(path: path).metadata
                if metadata.corpusKey != corpusKey {
                    reason = "the training corpora or data.filters changed since it was made"
                } else if let existing, try CodecRecord(existing).digest != metadata.codecKey {
                    reason = "it was made with other vocabularies or merges than the checkpoint's"
                } else if existing == nil && metadata.recipeKey != recipeKey {
                    reason = "the text settings (data or segmentation section) changed since it was made"
                } else {
                    log("reusing the prepared training data \(path): \(metadata.pairCount) pairs")
                    return
                }
            } catch {
                reason = "\(error)"
            }
            log("preparing the training data again: \(path): \(reason)")
        }
        let codec = try existing ?? learnCodec()
        let record = try CodecRecord(codec)
        let metadata = PreparedCorpusFormat.Metadata(
            version: PreparedCorpusFormat.version, corpusKey: corpusKey, recipeKey: recipeKey, codecKey: record.digest,
            idBytes: 0, pairCount: 0, idCount: 0, lengthsOffset: 0, offsetsOffset: 0, corpora: [], codec: record)
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.io("cannot create the directory of the prepared data \(path): \(POSIXFailure.reason(of: error))")
        }
        _ = try CorpusPreparation(corpora: corpora, codec: codec, filters: configuration.data.filters,
                                  log: log, status: status, showsStatus: showsStatus).prepare(to: path, metadata)
    }

    /// The codec learned from a sample of the training pairs: `segmentation.sample_pairs` of
    /// them (0: all), drawn with a seeded reservoir while the corpora are read line by line, so
    /// only the sample is ever held. Pairs the text filters would drop are not drawn.
    private func learnCodec() throws -> TextCodec {
        let limit = configuration.segmentation.samplePairs
        var sample: [SentencePair] = []
        var generator = SplitMix64(seed: UInt64(configuration.training.seed) ^ 0x5A3B_1E5A_3B1E_5A3B)
        var seen = 0
        for (_, corpus) in corpora {
            let reader = try corpus.makeReader()
            while let pair = try reader.next() {
                if CorpusFilter.textVerdict(pair, configuration.data.filters).dropped != nil { continue }
                if limit == 0 || sample.count < limit {
                    sample.append(pair)
                } else {
                    let slot = generator.next(below: seen + 1)
                    if slot < limit { sample[slot] = pair }
                }
                seen += 1
            }
        }
        guard !sample.isEmpty else {
            throw TrainingError.unusableData("no training pairs in \(trainFiles): the files are empty or every pair was filtered out")
        }
        log("learning the vocabularies from \(sample.count == seen ? "all \(seen)" : "a sample of \(sample.count) of \(seen)") training pairs")
        return try TrainingData.build(configuration, train: sample, log: log)
    }

    /// The corpora's bytes in order, each with its format, and the filters.
    static func corpusKey(_ configuration: TrainingConfiguration) throws -> String {
        var hash = ContentHash()
        hash.add(UInt64(PreparedCorpusFormat.version))
        let data = configuration.data
        for corpus in data.train.corpora {
            hash.add(corpus.format.rawValue)
            switch corpus.format {
            case .files:
                let (source, target) = data.files(prefix: corpus.path)
                try hash.add(contentsOf: source)
                try hash.add(contentsOf: target)
            case .tsv:
                try hash.add(contentsOf: corpus.path)
            }
        }
        hash.add(try filterJSON(data.filters))
        return hash.hex
    }

    /// The configuration's text settings: the data and segmentation sections less the paths,
    /// the weights, the filters (in `corpusKey`) and `max_length` (applied when batching); the
    /// other sections at their defaults; and the contents of the given merges, vocabulary and
    /// SentencePiece model files.
    static func recipeKey(_ configuration: TrainingConfiguration) throws -> String {
        var recipe = TrainingConfiguration.template
        recipe.data = configuration.data
        recipe.data.train = TrainingConfiguration.TrainingCorpora(prefix: "")
        recipe.data.valid = ""
        recipe.data.test = nil
        recipe.data.maxLength = TrainingConfiguration.template.data.maxLength
        recipe.data.filters = .init()
        recipe.data.preparedDirectory = nil
        recipe.segmentation = configuration.segmentation
        recipe.training.seed = configuration.training.seed  // seeds the sample
        var hash = ContentHash()
        hash.add(try recipe.jsonString())
        // The files the codec is read from instead of learned: their contents, not only their paths.
        let segmentation = configuration.segmentation
        for path in [segmentation.mergesFile, segmentation.modelFile].compactMap({ $0 }) + (segmentation.vocabularyFiles ?? []) {
            try hash.add(contentsOf: path)
        }
        return hash.hex
    }

    private static func filterJSON(_ filters: TrainingConfiguration.CorpusFilterSettings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(filters), as: UTF8.self)
    }
}
