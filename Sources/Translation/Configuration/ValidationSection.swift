extension TrainingConfiguration {
    /// `validation:` — when the validation split is scored and what counts as better.
    public struct ValidationSection: Codable, Equatable, Sendable {
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

        enum CodingKeys: String, CodingKey, CaseIterable {
            case everyUpdates = "every_updates"
            case metric, beam
            case earlyStoppingPatience = "early_stopping_patience"
            case samples
        }

        public init() {}
    }
}

extension TrainingConfiguration.ValidationSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.everyUpdates, into: &everyUpdates)
        try reader.read(.metric, into: &metric)
        try reader.read(.beam, into: &beam)
        try reader.read(.earlyStoppingPatience, into: &earlyStoppingPatience)
        try reader.read(.samples, into: &samples)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        checks.nonNegative(everyUpdates, .everyUpdates, zeroMeans: "at the end of each epoch")
        checks.size(beam, .beam, maximum: TrainingConfiguration.TranslationSection.maximumBeam)
        checks.nonNegative(earlyStoppingPatience, .earlyStoppingPatience, zeroMeans: "never stop early")
        checks.nonNegative(samples, .samples, zeroMeans: "none")
        return checks
    }
}
