import Search
import Translation

/// GET /info: what the server translates with, for clients and people checking a deployment.
///
///     {"version", "source_language", "target_language", "source_vocabulary_size",
///      "target_vocabulary_size", "segmentation": {…}, "model": {…}, "translation": {…},
///      "checkpoint": {"path", "sha256", "update"}, "limits": {…}, "batching": {…}}
struct ServerInfo: Encodable {
    var version = NMTVersion.current
    var sourceLanguage: String
    var targetLanguage: String
    var sourceVocabularySize: Int
    var targetVocabularySize: Int
    var segmentation: Segmentation
    var model: Model
    /// The checkpoint's `translation` section: the search settings every request starts from.
    var translation: SearchSettings
    var checkpoint: Checkpoint
    var limits: Limits
    var batching: Batching

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
        var maxBodyBytes, maxSentences, maxSentenceLength, maxBeam: Int

        enum CodingKeys: String, CodingKey {
            case maxBodyBytes = "max_body_bytes", maxSentences = "max_sentences"
            case maxSentenceLength = "max_sentence_length", maxBeam = "max_beam"
        }
    }

    /// The batcher's settings and what it has decoded since the server started.
    struct Batching: Encodable {
        var batchSize: Int
        var windowMilliseconds: Double
        var workers: Int
        var batches: Int
        var sentences: Int
        var largestBatch: Int

        enum CodingKeys: String, CodingKey {
            case batchSize = "batch_size", windowMilliseconds = "window_ms", workers, batches, sentences
            case largestBatch = "largest_batch"
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, segmentation, model, translation, checkpoint, limits, batching
        case sourceLanguage = "source_language", targetLanguage = "target_language"
        case sourceVocabularySize = "source_vocabulary_size", targetVocabularySize = "target_vocabulary_size"
    }
}
