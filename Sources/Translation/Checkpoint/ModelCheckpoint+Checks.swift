import Checkpoint
import Foundation
import Model
import Text
import YAMLConfiguration

/// The checks `ModelCheckpoint.load` runs on a checkpoint's metadata before it builds anything.
/// The checksum proves a file is what some writer wrote, not that the writer was ours or careful:
/// every value that sizes an allocation or indexes a tensor is held against the tensors.
package extension ModelCheckpoint {
    /// Model sizes in range, the configuration agreeing with them, vocabularies as long as the
    /// embedding and output rows, every expected tensor present with its shape, the model
    /// within the machine's memory.
    static func checkModel(_ model: ModelConfiguration, configuration: TrainingConfiguration,
                           sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary,
                           file: CheckpointFile, path: String, physicalMemory: UInt64) throws {
        func refuse(_ reason: String) -> CheckpointError { .invalidContents(path: path, reason: reason) }

        if let problem = model.sizeProblems.first { throw refuse("metadata `\(Key.model)`: \(problem)") }
        do {
            try configuration.validate(name: "metadata `\(Key.configuration)`", checkingFiles: false, checkingMemory: false)
        } catch let error as ConfigurationError {
            throw refuse("\(error)")
        }
        let described = configuration.modelConfiguration(sourceVocabularySize: model.sourceVocabularySize,
                                                         targetVocabularySize: model.targetVocabularySize)
        guard described == model else {
            throw refuse("metadata `\(Key.configuration)` and `\(Key.model)` describe different models "
                + "(the configuration's model section gives \(described), `\(Key.model)` gives \(model))")
        }
        for (key, vocabulary, size, rows) in [
            (Key.sourceVocabulary, sourceVocabulary, model.sourceVocabularySize, "encoder.embedding.weight"),
            (Key.targetVocabulary, targetVocabulary, model.targetVocabularySize, "decoder.embedding.weight"),
        ] where vocabulary.count != size {
            throw refuse("metadata `\(key)` has \(vocabulary.count) entries but the model has \(size) "
                + "(the rows of \(rows) and of the \(key == Key.sourceVocabulary ? "source embedding" : "output layer"))")
        }

        var shapes: [String: [Int]] = [:]
        for entry in file.tensors { shapes[entry.name] = entry.shape }
        for entry in file.int8Tensors { shapes[entry.name] = entry.shape }
        var missing: [String] = []
        var misshaped: [CheckpointError.ShapeMismatch] = []
        for (name, shape) in model.parameterShapes {
            guard let found = shapes[name] else {
                missing.append(name)
                continue
            }
            if found != shape { misshaped.append(.init(name: name, checkpoint: found, model: shape)) }
        }
        guard missing.isEmpty, misshaped.isEmpty else {
            throw CheckpointError.tensorMismatch(path: path, missing: missing, unexpected: [], misshaped: misshaped)
        }
        if let refusal = MemoryEstimate.translation(model).refusal(physicalMemory: physicalMemory) { throw refuse(refusal) }
    }

    /// Every value of every tensor (weights and optimizer moments) finite.
    static func checkFinite(_ file: CheckpointFile, path: String) throws {
        for entry in file.tensors {
            guard let index = entry.values.firstIndex(where: { !$0.isFinite }) else { continue }
            let value = entry.values[index]
            let what = value.isNaN ? "NaN" : "an infinite value (\(value))"
            throw CheckpointError.invalidContents(
                path: path, reason: "tensor '\(entry.name)' holds \(what) at index \(index); the weights are unusable")
        }
    }

    /// The counters and generator a resumed run starts from.
    static func checkState(_ state: TrainingState, path: String) throws {
        var problems: [String] = []
        if state.generator.count != 4 { problems.append("generator must hold 4 words, found \(state.generator.count)") }
        if state.update < 0 { problems.append("update must be 0 or more, found \(state.update)") }
        if state.epoch < 1 { problems.append("epoch must be at least 1, found \(state.epoch)") }
        if state.batchInEpoch < 0 { problems.append("batchInEpoch must be 0 or more, found \(state.batchInEpoch)") }
        if state.bestUpdate < 0 { problems.append("bestUpdate must be 0 or more, found \(state.bestUpdate)") }
        if state.validationsWithoutImprovement < 0 {
            problems.append("validationsWithoutImprovement must be 0 or more, found \(state.validationsWithoutImprovement)")
        }
        if !(state.elapsedSeconds.isFinite && state.elapsedSeconds >= 0) {
            problems.append("elapsedSeconds must be a finite number ≥ 0, found \(state.elapsedSeconds)")
        }
        if let best = state.bestScore, !best.isFinite { problems.append("bestScore must be finite, found \(best)") }
        if let last = state.lastValidation, !(0...max(state.update, 0)).contains(last) {
            problems.append("lastValidation must be between 0 and update (\(state.update)), found \(last)")
        }
        if state.skippedUpdates < 0 { problems.append("skippedUpdates must be 0 or more, found \(state.skippedUpdates)") }
        if !(0...max(state.skippedUpdates, 0)).contains(state.consecutiveSkippedUpdates) {
            problems.append("consecutiveSkippedUpdates must be between 0 and skippedUpdates (\(state.skippedUpdates)), found \(state.consecutiveSkippedUpdates)")
        }
        if let problem = problems.first {
            throw CheckpointError.invalidContents(path: path, reason: "metadata `\(Key.state)`: \(problem)")
        }
    }

    /// A SentencePiece model stored as base64 under `key`, or nil when the key is absent.
    static func sentencePiece(_ text: String?, key: String, path: String) throws -> SentencePieceModel? {
        guard let text else { return nil }
        guard let bytes = Data(base64Encoded: text) else {
            throw CheckpointError.invalidContents(path: path, reason: "metadata `\(key)` is not base64")
        }
        return try SentencePieceModel(bytes: Array(bytes), name: "\(path): metadata `\(key)`")
    }

    /// `optimizer_step`: Adam's update count, an integer ≥ 0 (absent in averaged checkpoints: 0).
    static func optimizerStep(_ text: String?, path: String) throws -> Int {
        guard let text else { return 0 }
        guard let step = Int(text), step >= 0 else {
            throw CheckpointError.invalidContents(
                path: path, reason: "metadata `\(Key.optimizerStep)` must be an integer ≥ 0, found \"\(text)\"")
        }
        return step
    }
}
