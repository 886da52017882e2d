import Foundation
import Layers
import Model
import Search
import Translation

/// The model behind the API, without HTTP: checks request bodies, queues their sentences for the
/// decoding workers, and writes the answers as JSON.
///
/// Every batch is decoded by `Translator` with the checkpoint's `translation` settings and the
/// request's beam, exactly as `nmt translate --beam B --batch-size N` decodes its batches, so the
/// server's translations are those of the command line.
///
/// Shared by every request handler: its stored properties never change after init, and the
/// batcher is thread-safe (the model is only read, as `Translator` allows from several threads).
public final class TranslationService: @unchecked Sendable {
    public let limits: RequestLimits
    public let batching: BatchingOptions
    private let checkpoint: ModelCheckpoint
    private let info: ServerInfo
    private let batcher: DynamicBatcher<SearchSettings, Translator.Output>
    private let workers: DecodingWorkers<SearchSettings, Translator.Output>

    /// `path` and `sha256` name the checkpoint file in GET /info.
    public init(checkpoint: ModelCheckpoint, path: String, sha256: String, limits: RequestLimits, batching: BatchingOptions) {
        self.checkpoint = checkpoint
        self.limits = limits
        self.batching = batching
        info = Self.describe(checkpoint, path: path, sha256: sha256, limits: limits, batching: batching)
        let batcher = DynamicBatcher<SearchSettings, Translator.Output>(batchSize: batching.batchSize, window: batching.window)
        self.batcher = batcher
        let model = checkpoint.model, codec = checkpoint.codec, batchSize = batching.batchSize
        workers = DecodingWorkers(count: batching.workers, batcher: batcher) { settings, sentences in
            var settings = settings
            settings.batchSize = batchSize
            return Translator(model: model, codec: codec, settings: settings).translate(sentences)
        }
    }

    /// Starts the decoding workers.
    public func start() { workers.start() }

    /// Decodes what is queued, then stops the workers.
    public func drainAndStop() { workers.drainAndStop() }

    /// The JSON answer to a POST /translate `body`, or `APIError` (see `TranslationRequest`).
    /// Suspends while the workers decode; never blocks the calling thread.
    func translate(body: [UInt8]) async throws -> [UInt8] {
        let request = try TranslationRequest(body: body, limits: limits, defaults: checkpoint.configuration.translation)
        let outputs = await withCheckedContinuation { continuation in
            batcher.submit(request.sentences, key: request.settings) { continuation.resume(returning: $0) }
        }
        return try JSON.encode(TranslationResponse(outputs, settings: request.settings))
    }

    /// The JSON of GET /info, with the batcher's counts so far.
    func infoJSON() throws -> [UInt8] {
        var current = info
        let statistics = batcher.currentStatistics
        current.batching.batches = statistics.batches
        current.batching.sentences = statistics.sentences
        current.batching.largestBatch = statistics.largestBatch
        return try JSON.encode(current)
    }

    private static func describe(_ checkpoint: ModelCheckpoint, path: String, sha256: String,
                                 limits: RequestLimits, batching: BatchingOptions) -> ServerInfo {
        let codec = checkpoint.codec, config = checkpoint.model.config
        let (seconds, attoseconds) = batching.window.components
        return ServerInfo(
            sourceLanguage: codec.settings.sourceLanguage, targetLanguage: codec.settings.targetLanguage,
            sourceVocabularySize: codec.sourceVocabulary.count, targetVocabularySize: codec.targetVocabulary.count,
            segmentation: .init(kind: codec.settings.segmentation.rawValue, lowercase: codec.settings.lowercase,
                                tokenized: codec.settings.tokenized),
            model: .init(embeddingSize: config.embeddingSize, encoderHiddenSize: config.encoderHiddenSize,
                         encoderLayers: config.encoderLayers, decoderHiddenSize: config.decoderHiddenSize,
                         attentionSize: config.attentionSize, preOutputSize: config.preOutputSize,
                         bidirectional: config.bidirectional, attention: config.attention.rawValue,
                         parameters: checkpoint.model.parameterCount),
            translation: checkpoint.configuration.translation,
            checkpoint: .init(path: path, sha256: sha256, update: checkpoint.state?.update ?? 0),
            limits: .init(maxBodyBytes: limits.maxBodyBytes, maxSentences: limits.maxSentences,
                          maxSentenceLength: limits.maxSentenceLength, maxBeam: limits.maxBeam),
            batching: .init(batchSize: batching.batchSize,
                            windowMilliseconds: Double(seconds) * 1000 + Double(attoseconds) * 1e-15,
                            workers: batching.workers, batches: 0, sentences: 0, largestBatch: 0))
    }
}
