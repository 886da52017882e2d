import Search
import YAMLConfiguration
extension TrainingConfiguration {
    /// `validation:` — when the validation split is scored and what counts as better.
    public struct ValidationSection: Equatable, Sendable {
        public enum Metric: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Higher is better.
            case bleu
            /// Validation cross entropy per target token; lower is better.
            case loss
        }

        /// Updates between validations; 0 = at the end of each epoch.
        public var everyUpdates = 0
        /// What "best" checkpoints, the plateau schedule and early stopping go by.
        public var metric = Metric.bleu
        /// Beam size for the validation translations; 1 = greedy.
        public var beam = 1
        /// Validations without improvement before training stops; 0 = never stop early.
        public var earlyStoppingPatience = 0
        /// Sample translations printed at each validation.
        public var samples = 3

        public init() {}
    }
}

extension TrainingConfiguration.ValidationSection: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        let maximumBeam = SearchSettings.Limits.beam.upperBound
        return [
            .key("every_updates", \.everyUpdates, .nonNegative(zeroMeans: "at the end of each epoch"),
                 doc: "updates between validations; 0 = at the end of each epoch"),
            .key("metric", \.metric,
                 doc: "what \"best\" checkpoints, the plateau schedule and early stopping go by: bleu (higher is better) or loss (lower is better)"),
            .key("beam", \.beam, .size(maximum: maximumBeam),
                 doc: "beam size for the validation translations; 1 = greedy, fastest; at most \(maximumBeam)"),
            .key("early_stopping_patience", \.earlyStoppingPatience, .nonNegative(zeroMeans: "never stop early"),
                 doc: "stop after this many validations without improvement; 0 = never stop early"),
            .key("samples", \.samples, .nonNegative(zeroMeans: "none"), doc: "sample translations printed at each validation; 0 = none"),
        ]
    }
}
