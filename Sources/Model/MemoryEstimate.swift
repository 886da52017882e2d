import Foundation

/// A lower bound on the memory a model needs, compared with the machine's before anything is
/// allocated: a model that cannot fit is refused with both figures instead of dying in the
/// allocator halfway through start-up.
public struct MemoryEstimate: Equatable, Sendable {
    public var bytes: Int
    /// What the bytes are, for the message.
    public var parts: String

    /// Translation: the weights, 4 bytes per parameter.
    public static func translation(_ model: ModelConfiguration) -> MemoryEstimate {
        MemoryEstimate(bytes: 4 * model.parameterCount, parts: "\(Self.millions(model.parameterCount)) parameters")
    }

    /// Training: weights, gradients and Adam's two moments (16 bytes per parameter), plus the
    /// activations of one batch of `batchTokens` tokens on each side kept for the backward pass:
    /// per source token and encoder layer and direction, gates, cell and state (6H); per target
    /// token the decoder's gates, cell and state (6D), context (M), pre-output (2P) and logits (V).
    /// The Transformer keeps, per token and layer, about 10d + 2F floats in the encoder
    /// (norms, projections, residual sums, the feed-forward hidden layer before and after ReLU) and
    /// 16d + 2F in the decoder, plus the logits (V); attention weights are left out.
    public static func training(_ model: ModelConfiguration, batchTokens: Int) -> MemoryEstimate {
        if model.architecture == .transformer {
            let d = model.embeddingSize, f = model.feedForwardSize, layers = model.transformerLayers
            let activations = 4 * batchTokens * (layers * (10 * d + 2 * f) + layers * (16 * d + 2 * f) + model.targetVocabularySize)
            return MemoryEstimate(
                bytes: 16 * model.parameterCount + activations,
                parts: "weights, gradients and Adam's moments of \(Self.millions(model.parameterCount)) parameters, "
                    + "and the activations of a batch of \(batchTokens) tokens")
        }
        let directions = model.bidirectional ? 2 : 1
        let perSourceToken = 6 * model.encoderHiddenSize * model.encoderLayers * directions
        let perTargetToken = 6 * model.decoderHiddenSize + model.memorySize + 2 * model.preOutputSize + model.targetVocabularySize
        let activations = 4 * batchTokens * (perSourceToken + perTargetToken)
        return MemoryEstimate(
            bytes: 16 * model.parameterCount + activations,
            parts: "weights, gradients and Adam's moments of \(Self.millions(model.parameterCount)) parameters, "
                + "and the activations of a batch of \(batchTokens) tokens")
    }

    /// The refusal when the estimate exceeds `physicalMemory` bytes, else nil:
    /// "this model needs at least 37.2 GB (…); the machine has 24.0 GB".
    public func refusal(physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> String? {
        guard UInt64(bytes) > physicalMemory else { return nil }
        return "this model needs at least \(Self.gigabytes(UInt64(bytes))) (\(parts)); "
            + "the machine has \(Self.gigabytes(physicalMemory))"
    }

    static func gigabytes(_ bytes: UInt64) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }

    static func millions(_ count: Int) -> String {
        count >= 100_000 ? String(format: "%.1fM", Double(count) / 1e6) : "\(count)"
    }
}
