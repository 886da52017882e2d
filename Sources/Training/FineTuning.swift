import Model
import Translation
import YAMLConfiguration

/// `nmt train --finetune CHECKPOINT`: training starts from a trained model's weights and text
/// pipeline (vocabularies, merges) on data that may be new, with a fresh optimizer, schedule,
/// update count, best score and early stopping. The configuration's model section must
/// describe the checkpoint's model: every key but `dropout` (which shapes no weight) equal.
enum FineTuning {
    /// Keys whose dropout-free values differ, as "model.KEY: checkpoint A, configuration B".
    static func modelDifferences(checkpoint: ModelSettings, configuration: ModelSettings) -> [String] {
        ModelSettings.keys.compactMap { key in
            guard key.name != "dropout" else { return nil }
            let (saved, given) = (key.text(checkpoint), key.text(configuration))
            return saved == given ? nil : "model.\(key.name): checkpoint \(saved ?? "none"), configuration \(given ?? "none")"
        }
    }

    /// Refuses a configuration whose model section does not describe `checkpoint`'s model.
    static func check(_ checkpoint: ModelCheckpoint, path: String, against configuration: TrainingConfiguration) throws {
        let differences = modelDifferences(checkpoint: checkpoint.configuration.model, configuration: configuration.model)
        guard differences.isEmpty else {
            throw TrainingError.cannotResume("--finetune \(path): the configuration's model section differs from the checkpoint's in "
                + "\(differences.count) key\(differences.count == 1 ? "" : "s"): " + differences.joined(separator: "; ")
                + ". Give the model section the checkpoint was trained with")
        }
    }
}
