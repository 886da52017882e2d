extension TrainingConfiguration {
    /// `translation:` — beam search settings stored with the model: `nmt translate` and
    /// `nmt evaluate` use them unless told otherwise.
    public struct TranslationSection: Codable, Equatable, Sendable {
        /// What happens to a source line longer than `maxInputLength` units.
        public enum OverlongInput: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Translate its first `maxInputLength` units.
            case truncate
            /// Give an empty line for it.
            case skip
        }

        /// 1 = greedy.
        public var beam = 5
        /// α in score / length^α, which ranks finished hypotheses; 0 = raw log-probability.
        public var lengthPenalty: Float = 1.0
        /// Longest output = maxLengthRatio × source length + 10 units.
        public var maxLengthRatio: Float = 2.0
        /// Longest source line translated as it is, in units after segmentation. Decoding time
        /// grows with the square of the length (every output step attends to every source unit),
        /// so a 100,000-word line would run for minutes; 1,000 units is 10× the training default
        /// `max_length` and takes about a second.
        public var maxInputLength = 1000
        public var overlongInput = OverlongInput.truncate

        /// Largest beam: 100 already makes each step 100× greedy's work.
        public static let maximumBeam = 100
        /// Largest `max_length_ratio`: outputs 100× their source are never translations.
        public static let maximumLengthRatio: Float = 100
        /// Largest `max_input_length`.
        public static let maximumInputLength = 100_000

        enum CodingKeys: String, CodingKey, CaseIterable {
            case beam
            case lengthPenalty = "length_penalty"
            case maxLengthRatio = "max_length_ratio"
            case maxInputLength = "max_input_length"
            case overlongInput = "overlong_input"
        }

        public init() {}

        /// Longest output, in units, for a source of `sourceLength` units.
        public func maxOutputLength(sourceLength: Int) -> Int {
            Int((maxLengthRatio * Float(sourceLength)).rounded(.down)) + 10
        }

        /// Reads checkpoints written before `max_input_length` and `overlong_input` existed,
        /// which then take their defaults.
        public init(from decoder: Swift.Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            beam = try container.decode(Int.self, forKey: .beam)
            lengthPenalty = try container.decode(Float.self, forKey: .lengthPenalty)
            maxLengthRatio = try container.decode(Float.self, forKey: .maxLengthRatio)
            maxInputLength = try container.decodeIfPresent(Int.self, forKey: .maxInputLength) ?? maxInputLength
            overlongInput = try container.decodeIfPresent(OverlongInput.self, forKey: .overlongInput) ?? overlongInput
        }
    }
}

extension TrainingConfiguration.TranslationSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.beam, into: &beam)
        try reader.read(.lengthPenalty, into: &lengthPenalty)
        try reader.read(.maxLengthRatio, into: &maxLengthRatio)
        try reader.read(.maxInputLength, into: &maxInputLength)
        try reader.read(.overlongInput, into: &overlongInput)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        checks.size(beam, .beam, maximum: Self.maximumBeam)
        checks.nonNegative(lengthPenalty, .lengthPenalty)
        checks.require(maxLengthRatio > 0 && maxLengthRatio <= Self.maximumLengthRatio, .maxLengthRatio,
                       "must be greater than 0 and at most \(Self.maximumLengthRatio), found \(maxLengthRatio)")
        checks.size(maxInputLength, .maxInputLength, maximum: Self.maximumInputLength)
        return checks
    }
}
