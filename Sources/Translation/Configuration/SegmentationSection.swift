import Model
import YAMLConfiguration
extension TrainingConfiguration {
    /// `segmentation:` — how tokens are cut into the units the model sees, and which units make
    /// the vocabulary.
    public struct SegmentationSection: Equatable, Sendable {
        /// Stored in a checkpoint's codec settings too, so a name outside this set is refused
        /// wherever it is read.
        public enum Kind: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Subword units from learned merges (`low@@ er`).
            case bpe
            /// Tokens are the units.
            case word
            /// Every character is a unit (`c@@ a@@ t`).
            case character = "char"

            public init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                let name = try container.decode(String.self)
                guard let kind = Kind(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "unknown segmentation '\(name)'; expected \(Self.expected)")
                }
                self = kind
            }
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
        /// Pairs the merges and vocabularies are learned from, drawn at random from the training
        /// corpora (a seeded reservoir sample, read line by line); 0 = all pairs.
        public var samplePairs = 1_000_000

        public init() {}
    }
}

extension TrainingConfiguration.SegmentationSection: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        let largest = ModelConfiguration.maximumVocabularySize
        return [
            .key("kind", \.kind,
                 doc: "the units the model sees: bpe (learned subwords), word (tokens as they are) or char (characters)"),
            .key("merges", \.merges, also: { $0.kind == .bpe ? ValueRule.size(maximum: largest).violation($0.merges) : nil },
                 doc: "number of BPE merges to learn; a positive integer, at most \(largest); used by kind bpe only"),
            .key("joint", \.joint, doc: "true: one BPE learned on both languages and shared; false: one per language; kind bpe only"),
            .key("min_frequency", \.minFrequency, .positive,
                 doc: "units seen fewer times in training are left out of the vocabulary and read as <unk>; 1 keeps all"),
            // Four special tokens (<pad> <s> </s> <unk>) plus at least one real unit.
            .key("max_vocabulary", \.maxVocabulary, .nonNegative(zeroMeans: "no limit", maximum: largest),
                 also: { complaint(unless: $0.maxVocabulary == 0 || $0.maxVocabulary > 4,
                                   "must leave room beside the 4 special tokens, found \($0.maxVocabulary)") },
                 doc: "largest vocabulary per language including the 4 special tokens, most frequent units first; 0 = no limit, else at most \(largest)"),
            .key("sample_pairs", \.samplePairs, .nonNegative(zeroMeans: "all pairs"),
                 doc: "training pairs (a seeded random sample) the BPE merges and vocabularies are learned from; 0 = all"),
        ]
    }
}
