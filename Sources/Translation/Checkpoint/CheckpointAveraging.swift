import Autodiff
import Checkpoint
import Foundation

/// The element-wise mean of the weights of several checkpoints of one training run: θ = (1/n) Σᵢ θᵢ.
///
/// Averaging the last few checkpoints of a run smooths out the noise of the final updates (as
/// Marian's and OpenNMT's averaging tools do). The checkpoints must share the model shape and the
/// text codec (vocabularies, merges or SentencePiece models); the result keeps the first one's configuration and codec,
/// and has no optimizer moments or training state: it is for translating, not for resuming.
public enum CheckpointAveraging {
    /// Writes the average of `paths` (at least one) to `output` atomically. Returns the number of
    /// parameters averaged.
    @discardableResult
    public static func average(_ paths: [String], to output: String) throws -> Int {
        guard let firstPath = paths.first else {
            throw CheckpointError.invalidContents(path: output, reason: "no checkpoints to average")
        }
        let first = try ModelCheckpoint.load(from: firstPath)
        try refuseInt8(first, path: firstPath)
        // Accumulates into the first checkpoint's model, then divides.
        let sums = first.model.namedParameters
        for path in paths.dropFirst() {
            let next = try ModelCheckpoint.load(from: path)
            try refuseInt8(next, path: path)
            if let difference = difference(next, from: first) {
                throw CheckpointError.invalidContents(path: path, reason: "cannot be averaged with \(firstPath): \(difference)")
            }
            for ((_, sum), (_, value)) in zip(sums, next.model.namedParameters) {
                for index in 0..<sum.count { sum.data[index] += value.data[index] }
            }
        }
        let scale = 1 / Float(paths.count)
        for (_, sum) in sums {
            for index in 0..<sum.count { sum.data[index] *= scale }
        }
        try ModelCheckpoint.save(to: output, model: first.model, optimizer: nil, codec: first.codec,
                                 configuration: first.configuration, state: nil)
        return first.model.parameterCount
    }

    /// The mean of int8 weights would be float weights of no run: average the float32
    /// checkpoints, then quantize the average.
    private static func refuseInt8(_ checkpoint: ModelCheckpoint, path: String) throws {
        guard checkpoint.precision == .int8 else { return }
        throw CheckpointError.invalidContents(
            path: path, reason: "an int8 checkpoint (nmt quantize) cannot be averaged; average the float32 checkpoints, then quantize the average")
    }

    /// Why two checkpoints cannot be averaged, or nil when they can.
    private static func difference(_ checkpoint: ModelCheckpoint, from reference: ModelCheckpoint) -> String? {
        if checkpoint.model.config != reference.model.config { return "the model shapes differ" }
        if checkpoint.codec.settings != reference.codec.settings { return "the segmentation settings differ" }
        if checkpoint.codec.sourceVocabulary != reference.codec.sourceVocabulary
            || checkpoint.codec.targetVocabulary != reference.codec.targetVocabulary {
            return "the vocabularies differ"
        }
        if checkpoint.codec.sourceMerges != reference.codec.sourceMerges
            || checkpoint.codec.targetMerges != reference.codec.targetMerges {
            return "the BPE merges differ"
        }
        if checkpoint.codec.sourceSentencePiece != reference.codec.sourceSentencePiece
            || checkpoint.codec.targetSentencePiece != reference.codec.targetSentencePiece {
            return "the SentencePiece models differ"
        }
        return nil
    }
}
