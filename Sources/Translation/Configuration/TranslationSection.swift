extension TrainingConfiguration {
    /// `translation:` — beam search settings stored with the model: `nmt translate` and
    /// `nmt evaluate` use them unless told otherwise.
    public struct TranslationSection: Codable, Equatable, Sendable {
        /// 1 = greedy.
        public var beam = 5
        /// α in score / length^α, which ranks finished hypotheses; 0 = raw log-probability.
        public var lengthPenalty: Float = 1.0
        /// Longest output = maxLengthRatio × source length + 10 units.
        public var maxLengthRatio: Float = 2.0

        enum CodingKeys: String, CodingKey, CaseIterable {
            case beam
            case lengthPenalty = "length_penalty"
            case maxLengthRatio = "max_length_ratio"
        }

        public init() {}

        /// Longest output, in units, for a source of `sourceLength` units.
        public func maxOutputLength(sourceLength: Int) -> Int {
            Int((maxLengthRatio * Float(sourceLength)).rounded(.down)) + 10
        }
    }
}

extension TrainingConfiguration.TranslationSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.beam, into: &beam)
        try reader.read(.lengthPenalty, into: &lengthPenalty)
        try reader.read(.maxLengthRatio, into: &maxLengthRatio)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        checks.positive(beam, .beam)
        checks.nonNegative(lengthPenalty, .lengthPenalty)
        checks.positive(maxLengthRatio, .maxLengthRatio)
        return checks
    }
}
