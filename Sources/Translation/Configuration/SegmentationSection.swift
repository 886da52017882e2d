extension TrainingConfiguration {
    /// `segmentation:` — how tokens are cut into the units the model sees, and which units make
    /// the vocabulary.
    public struct SegmentationSection: Codable, Equatable, Sendable {
        public enum Kind: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Subword units from learned merges (`low@@ er`).
            case bpe
            /// Tokens are the units.
            case word
            /// Every character is a unit (`c@@ a@@ t`).
            case character = "char"
        }

        public var kind = Kind.bpe
        /// Number of BPE merges to learn (kind bpe only).
        public var merges = 8000
        /// One BPE learned on both sides and shared by both languages (kind bpe only).
        public var joint = true
        /// Units seen fewer times in training are left out of the vocabulary (read as `<unk>`).
        public var minFrequency = 1
        /// Largest vocabulary per language, special tokens included; 0 means no limit.
        public var maxVocabulary = 0

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, merges, joint
            case minFrequency = "min_frequency"
            case maxVocabulary = "max_vocabulary"
        }

        public init() {}
    }
}

extension TrainingConfiguration.SegmentationSection: ConfigurationSection {
    init(reading reader: SectionReader<CodingKeys>) throws {
        try reader.read(.kind, into: &kind)
        try reader.read(.merges, into: &merges)
        try reader.read(.joint, into: &joint)
        try reader.read(.minFrequency, into: &minFrequency)
        try reader.read(.maxVocabulary, into: &maxVocabulary)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        if kind == .bpe { checks.size(merges, .merges, maximum: ModelConfiguration.maximumVocabularySize) }
        checks.positive(minFrequency, .minFrequency)
        checks.nonNegative(maxVocabulary, .maxVocabulary, zeroMeans: "no limit", maximum: ModelConfiguration.maximumVocabularySize)
        // Four special tokens (<pad> <s> </s> <unk>) plus at least one real unit.
        checks.require(maxVocabulary == 0 || maxVocabulary > 4, .maxVocabulary,
                       "must leave room beside the 4 special tokens, found \(maxVocabulary)")
        return checks
    }
}
