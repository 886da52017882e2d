import Search
import Translation

/// GET /info: what the server translates with, for clients and people checking a deployment.
///
///     {"version", "models": [{"source_language", "target_language", "source_vocabulary_size",
///       "target_vocabulary_size", "segmentation": {…}, "model": {…}, "translation": {…},
///       "checkpoint": {"path", "sha256", "update"}}, …],
///      "pairs": ["en-de", …], "limits": {…}, "connections": {…}, "batching": {…}}
struct ServerInfo: Encodable {
    var version = NMTVersion.current
    var models: [ModelInfo]
    /// "source-target" of each model, in the same order.
    var pairs: [String]
    var limits: Limits
    var connections: Connections
    var batching: Batching

    /// One served checkpoint.
    struct ModelInfo: Encodable {
        var sourceLanguage: String
        var targetLanguage: String
        var sourceVocabularySize: Int
        var targetVocabularySize: Int
        var segmentation: Segmentation
        var model: Model
        /// The checkpoint's `translation` section: the search settings every request starts from.
        var translation: SearchSettings
        var checkpoint: Checkpoint

        enum CodingKeys: String, CodingKey {
            case segmentation, model, translation, checkpoint
            case sourceLanguage = "source_language", targetLanguage = "target_language"
            case sourceVocabularySize = "source_vocabulary_size", targetVocabularySize = "target_vocabulary_size"
        }
    }

    struct Segmentation: Encodable {
        var kind: String
        var lowercase: Bool
        var tokenized: Bool
    }

    struct Model: Encodable {
        var embeddingSize, encoderHiddenSize, encoderLayers, decoderHiddenSize, attentionSize, preOutputSize: Int
        var bidirectional: Bool
        var attention: String
        var parameters: Int

        enum CodingKeys: String, CodingKey {
            case embeddingSize = "embedding_size", encoderHiddenSize = "encoder_hidden_size"
            case encoderLayers = "encoder_layers", decoderHiddenSize = "decoder_hidden_size"
            case attentionSize = "attention_size", preOutputSize = "pre_output_size"
            case bidirectional, attention, parameters
        }
    }

    struct Checkpoint: Encodable {
        var path: String
        /// Of the whole file, as `sha256sum` prints it.
        var sha256: String
        /// Training updates behind the weights (0 for an averaged checkpoint).
        var update: Int
    }

    struct Limits: Encodable {
        var maxBodyBytes, maxSentences, maxSentenceLength, maxBeam, maxAttentionWeights, deadlineMilliseconds: Int
        var apiKeys: Bool
        var corsOrigin: String?

        enum CodingKeys: String, CodingKey {
            case maxBodyBytes = "max_body_bytes", maxSentences = "max_sentences"
            case maxSentenceLength = "max_sentence_length", maxBeam = "max_beam"
            case maxAttentionWeights = "max_attention_weights", deadlineMilliseconds = "deadline_ms"
            case apiKeys = "api_keys", corsOrigin = "cors_origin"
        }
    }

    struct Connections: Encodable {
        var maxConnections: Int
        var idleTimeoutSeconds, bodyTimeoutSeconds: Double

        enum CodingKeys: String, CodingKey {
            case maxConnections = "max_connections", idleTimeoutSeconds = "idle_timeout_s", bodyTimeoutSeconds = "body_timeout_s"
        }
    }

    /// The batcher's settings and what it has decoded, refused and cancelled since the server
    /// started.
    struct Batching: Encodable {
        var batchSize: Int
        var windowMilliseconds: Double
        var workers: Int
        var maxQueuedSentences: Int
        var queuedSentences = 0
        var batches = 0
        var sentences = 0
        var largestBatch = 0
        var refusedSentences = 0
        var cancelledSentences = 0

        enum CodingKeys: String, CodingKey {
            case batchSize = "batch_size", windowMilliseconds = "window_ms", workers, batches, sentences
            case largestBatch = "largest_batch", maxQueuedSentences = "max_queued_sentences"
            case queuedSentences = "queued_sentences", refusedSentences = "refused_sentences"
            case cancelledSentences = "cancelled_sentences"
        }
    }

    init(models: [ServedModel], limits: RequestLimits, connections: ConnectionLimits, access: AccessPolicy,
         batching: BatchingOptions) {
        self.models = models.map(Self.describe)
        pairs = models.map { "\($0.pair.source)-\($0.pair.target)" }
        self.limits = Limits(maxBodyBytes: limits.maxBodyBytes, maxSentences: limits.maxSentences,
                             maxSentenceLength: limits.maxSentenceLength, maxBeam: limits.maxBeam,
                             maxAttentionWeights: limits.maxAttentionWeights,
                             deadlineMilliseconds: Int(Self.seconds(limits.deadline) * 1000),
                             apiKeys: access.apiKeys != nil, corsOrigin: access.corsOrigin)
        self.connections = Connections(maxConnections: connections.maxConnections,
                                       idleTimeoutSeconds: Self.seconds(connections.idleTimeout),
                                       bodyTimeoutSeconds: Self.seconds(connections.bodyTimeout))
        self.batching = Batching(batchSize: batching.batchSize, windowMilliseconds: Self.seconds(batching.window) * 1000,
                                 workers: batching.workers, maxQueuedSentences: batching.maxQueuedSentences)
    }

    private static func describe(_ served: ServedModel) -> ModelInfo {
        let checkpoint = served.checkpoint
        let codec = checkpoint.codec, config = checkpoint.model.config
        return ModelInfo(
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
            checkpoint: .init(path: served.path, sha256: served.sha256, update: checkpoint.state?.update ?? 0))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
