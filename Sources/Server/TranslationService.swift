import Foundation
import Layers
import Model
import Search
import Text
import Translation

/// The models behind the APIs, without HTTP: checks request bodies, routes them to a model by
/// language pair, splits LibreTranslate texts into sentences, queues the sentences for the
/// decoding workers, and writes the answers as JSON.
///
/// Every batch is decoded by `Translator` with its model's `translation` settings and the
/// request's beam, exactly as `nmt translate --beam B --batch-size N` decodes its batches, so the
/// server's translations are those of the command line.
///
/// Shared by every request handler: its stored properties never change after init, and the
/// batcher is thread-safe (the models are only read, as `Translator` allows from several threads).
public final class TranslationService: @unchecked Sendable {
    public let limits: RequestLimits
    public let batching: BatchingOptions
    public let connections: ConnectionLimits
    public let access: AccessPolicy
    let routes: ModelRoutes
    private let models: [ServedModel]
    /// Per model, for its source language.
    private let splitters: [SentenceSplitter]
    private let info: ServerInfo
    private let batcher: DynamicBatcher<BatchKey, Translator.Output>
    private let workers: DecodingWorkers<BatchKey, Translator.Output>

    /// Sentences that share a batch: one model, one search.
    struct BatchKey: Hashable {
        var model: Int
        var settings: SearchSettings
    }

    /// Throws `ModelRoutes.DuplicatePair` when two models translate the same pair.
    public init(models: [ServedModel], limits: RequestLimits, batching: BatchingOptions,
                connections: ConnectionLimits = ConnectionLimits(), access: AccessPolicy = AccessPolicy()) throws {
        self.models = models
        self.limits = limits
        self.batching = batching
        self.connections = connections
        self.access = access
        routes = try ModelRoutes(models.map(\.pair))
        splitters = models.map { SentenceSplitter(languageCode: $0.pair.source) }
        info = ServerInfo(models: models, limits: limits, connections: connections, access: access, batching: batching)
        let batcher = DynamicBatcher<BatchKey, Translator.Output>(batchSize: batching.batchSize, window: batching.window,
                                                                   maxPendingSentences: batching.maxQueuedSentences)
        self.batcher = batcher
        let decoders = models.map { ($0.checkpoint.model, $0.checkpoint.codec) }
        let batchSize = batching.batchSize
        workers = DecodingWorkers(count: batching.workers, batcher: batcher) { key, sentences in
            var settings = key.settings
            settings.batchSize = batchSize
            let (model, codec) = decoders[key.model]
            return Translator(model: model, codec: codec, settings: settings).translate(sentences)
        }
    }

    /// Starts the decoding workers.
    public func start() { workers.start() }

    /// Decodes what is queued, then stops the workers.
    public func drainAndStop() { workers.drainAndStop() }

    /// The JSON answer to a native POST /translate `body` (`{"sentences": …}`), or `APIError`
    /// (see `TranslationRequest`). Suspends while the workers decode; never blocks the calling
    /// thread. `presence` reports the client leaving, which cancels the request's sentences.
    func translate(body: [UInt8], presence: ClientPresence?) async throws -> [UInt8] {
        let request = try TranslationRequest(body: body, limits: limits)
        try access.check(apiKey: request.apiKey)
        let model = try routes.model(source: request.source, target: request.target)
        let settings = try request.settings(defaults: models[model].checkpoint.configuration.translation, limits: limits)
        if settings.keepAttention { try checkAttentionSize(request.sentences, model: model, settings: settings) }
        let outputs = try await decode(request.sentences, key: BatchKey(model: model, settings: settings), presence: presence)
        return try JSON.encode(TranslationResponse(outputs, settings: settings))
    }

    /// The JSON answer to a LibreTranslate POST /translate (see `LibreTranslateRequest`): each
    /// text split into sentences, all of them decoded in one request to the batcher, each text
    /// put back together as it was laid out.
    func libreTranslate(_ request: LibreTranslateRequest, presence: ClientPresence?) async throws -> [UInt8] {
        try access.check(apiKey: request.apiKey)
        let model = try routes.model(source: request.source, target: request.target)
        guard request.alternatives < limits.maxBeam else {
            throw APIError.badRequest("Invalid request: alternatives must be at most \(limits.maxBeam - 1) "
                + "(the largest beam is \(limits.maxBeam))")
        }
        var settings = models[model].checkpoint.configuration.translation
        settings.beam = max(min(settings.beam, limits.maxBeam), request.alternatives + 1)
        settings.nBest = request.alternatives + 1
        settings.keepAttention = false

        let documents = request.q.all.map { text in
            request.format == .html ? Document.html(HTMLDocument(text, splitter: splitters[model]))
                : .text(TextDocument(text, splitter: splitters[model]))
        }
        let sentences = documents.flatMap(\.sentences)
        try TranslationRequest.checkSizes(sentences, limits: limits)
        let outputs = try await decode(sentences, key: BatchKey(model: model, settings: settings), presence: presence)

        var texts: [LibreTranslateResponse.Translated] = []
        var start = 0
        for document in documents {
            let own = outputs[start..<(start + document.sentences.count)]
            start += document.sentences.count
            let text = document.joined(own.map(\.text))
            // Alternative k: every sentence's k-th hypothesis (its best when it has fewer).
            var alternatives: [String] = []
            for rank in (0..<request.alternatives).map({ $0 + 1 }) {
                let alternative = document.joined(own.map { $0.hypotheses.count > rank ? $0.hypotheses[rank].text : $0.text })
                if alternative != text && !alternatives.contains(alternative) { alternatives.append(alternative) }
            }
            texts.append(.init(text: text, alternatives: alternatives))
        }
        let isList: Bool
        if case .many = request.q { isList = true } else { isList = false }
        return try JSON.encode(LibreTranslateResponse(texts: texts, isList: isList, includesAlternatives: request.alternatives > 0))
    }

    /// GET /languages.
    func languagesJSON() throws -> [UInt8] { try JSON.encode(LanguageList(routes)) }

    /// The JSON of GET /info, with the batcher's counts so far.
    func infoJSON() throws -> [UInt8] {
        var current = info
        let statistics = batcher.currentStatistics
        current.batching.queuedSentences = batcher.pendingSentenceCount
        current.batching.batches = statistics.batches
        current.batching.sentences = statistics.sentences
        current.batching.largestBatch = statistics.largestBatch
        current.batching.refusedSentences = statistics.refusedSentences
        current.batching.cancelledSentences = statistics.cancelledSentences
        return try JSON.encode(current)
    }

    /// The outputs of `sentences`, decoded by the workers under `key`. Throws 503 when the
    /// batcher is full, 504 when `limits.deadline` passes first, `ClientLeft` when the client
    /// goes first; in the last two cases the sentences not yet decoded leave the queue.
    private func decode(_ sentences: [String], key: BatchKey, presence: ClientPresence?) async throws -> [Translator.Output] {
        if presence?.hasLeft == true { throw ClientLeft() }
        let wait = Wait<[Translator.Output]>()
        defer { presence?.clear() }
        let batcher = self.batcher, deadline = limits.deadline
        return try await withCheckedThrowingContinuation { continuation in
            wait.begin(continuation)
            let submission: DynamicBatcher<BatchKey, Translator.Output>.Submission
            do {
                submission = try batcher.submit(sentences, key: key) { outputs in wait.end(.success(outputs)) }
            } catch let full as DynamicBatcher<BatchKey, Translator.Output>.Full {
                wait.end(.failure(APIError.overloaded(
                    "the server is busy: \(full.pending) sentences are waiting or being translated, and \(full.requested) more "
                        + "would pass its limit of \(full.limit); try again shortly", retryAfter: 1)))
                return
            } catch {
                wait.end(.failure(error))
                return
            }
            let timeout = DispatchWorkItem {
                if wait.end(.failure(APIError.deadlinePassed(
                    "the translation took longer than the server's deadline of \(Self.milliseconds(deadline)) ms"))) {
                    batcher.cancel(submission)
                }
            }
            wait.onEnd { timeout.cancel() }
            DispatchQueue.global().asyncAfter(deadline: .now() + ServerInfo.seconds(deadline), execute: timeout)
            presence?.onLeave {
                if wait.end(.failure(ClientLeft())) { batcher.cancel(submission) }
            }
        }
    }

    /// 413 when `sentences` could make an attention answer larger than `limits.maxAttentionWeights`:
    /// for each, (source units + 1) × the longest output `settings` allow.
    private func checkAttentionSize(_ sentences: [String], model: Int, settings: SearchSettings) throws {
        let codec = models[model].checkpoint.codec
        var weights = 0
        for sentence in sentences {
            let units = min(codec.sourceUnits(sentence).count, settings.maxInputLength)
            weights += (units + 1) * settings.maxOutputLength(sourceLength: units)
        }
        guard weights <= limits.maxAttentionWeights else {
            throw APIError.tooLarge("the attention of these sentences could hold \(weights) weights "
                + "((source units + 1) × the longest output, summed); the limit is \(limits.maxAttentionWeights): "
                + "send fewer or shorter sentences, or leave out 'attention'")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int { Int((ServerInfo.seconds(duration) * 1000).rounded()) }
}

/// The client went away before its answer: nothing is sent.
struct ClientLeft: Error {}

/// A LibreTranslate text as sentences, in either format.
private enum Document {
    case text(TextDocument)
    case html(HTMLDocument)

    var sentences: [String] {
        switch self {
        case .text(let document): document.sentences
        case .html(let document): document.sentences
        }
    }

    func joined(_ translations: [String]) -> String {
        switch self {
        case .text(let document): document.joined(translations)
        case .html(let document): document.joined(translations)
        }
    }
}
