import Model
import Text
import YAMLConfiguration
extension TrainingConfiguration {
    /// `segmentation:` — how text is cut into the units the model sees, and which units make
    /// the vocabularies: learned at training time, or taken from the user's own files.
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
            /// Pieces of a SentencePiece model cut from the untokenized line (`▁Ein ▁Mann`).
            case sentencePiece = "sentencepiece"

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
        /// The SentencePiece model's algorithm (kind sentencepiece only).
        public var modelType = SentencePieceTraining.ModelType.unigram
        /// Pieces in a SentencePiece model, spm_train's `vocab_size` (kind sentencepiece only).
        public var vocabularySize = 8000
        /// Share of the characters a SentencePiece model covers (kind sentencepiece only).
        public var characterCoverage = 0.9995
        /// One vocabulary for both languages: joint BPE, or one SentencePiece model trained on
        /// both sides, or words or characters counted on both sides.
        public var shareVocabulary = false
        /// Units seen fewer times in training are left out of the vocabulary (read as `<unk>`).
        public var minFrequency = 1
        /// Largest vocabulary per language, special tokens included; 0 means no limit.
        public var maxVocabulary = 0
        /// An existing subword-nmt codes file, used instead of learning merges (kind bpe).
        public var mergesFile: String?
        /// Existing vocabularies, one per language (source first), or one when shared.
        public var vocabularyFiles: [String]?
        /// An existing SentencePiece `.model` file, used instead of training one.
        public var modelFile: String?
        /// Pairs the merges, vocabularies or SentencePiece model are learned from, drawn at random
        /// from the training corpora (a seeded reservoir sample, read line by line); 0 = all pairs.
        public var samplePairs = 1_000_000

        public init() {}

        /// The vocabulary size known before the corpus is read: a trained SentencePiece model's
        /// pieces (less `<unk>` `<s>` `</s>`, plus the 4 specials), `max_vocabulary`, or else the
        /// 4 special tokens.
        public var vocabularyBound: Int {
            if kind == .sentencePiece && modelFile == nil { return vocabularySize + 1 }
            return maxVocabulary > 0 ? maxVocabulary : 4
        }

        /// The SentencePiece options of this section.
        public var sentencePieceTraining: SentencePieceTraining {
            SentencePieceTraining(modelType: modelType, vocabularySize: vocabularySize, characterCoverage: characterCoverage)
        }
    }
}

extension SentencePieceTraining.ModelType: ConfigurationValue {}

extension TrainingConfiguration.SegmentationSection: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        let largest = ModelConfiguration.maximumVocabularySize
        return [
            .key("kind", \.kind,
                 doc: "the units the model sees: bpe (learned subwords), word (tokens as they are), char (characters) or sentencepiece (pieces of the untokenized text)"),
            .key("merges", \.merges, also: { $0.kind == .bpe ? ValueRule.size(maximum: largest).violation($0.merges) : nil },
                 doc: "number of BPE merges to learn; a positive integer, at most \(largest); used by kind bpe only"),
            .key("joint", \.joint,
                 also: { complaint(unless: $0.joint || $0.kind != .bpe || !$0.shareVocabulary,
                                   "must be true with share_vocabulary: a shared vocabulary needs one BPE for both languages") },
                 doc: "true: one BPE learned on both languages and shared; false: one per language; kind bpe only"),
            .key("model_type", \.modelType, doc: "the SentencePiece algorithm: unigram or bpe; kind sentencepiece only"),
            .key("vocabulary_size", \.vocabularySize,
                 also: { $0.kind == .sentencePiece ? ValueRule.size(maximum: largest).violation($0.vocabularySize) : nil },
                 doc: "pieces in the SentencePiece model, its <unk> <s> </s> included (spm_train's vocab_size); a positive integer, at most \(largest); kind sentencepiece only"),
            .key("character_coverage", \.characterCoverage, .positive(maximum: 1),
                 doc: "share of the training text's characters the SentencePiece model keeps, rarer ones read as <unk>; 1 keeps all (for scripts with thousands of characters, 0.9995 to 1); kind sentencepiece only"),
            .key("share_vocabulary", \.shareVocabulary,
                 doc: "true: one vocabulary for both languages (joint BPE, one SentencePiece model trained on both sides, or units counted on both sides); false: one per language"),
            .key("min_frequency", \.minFrequency, .positive,
                 doc: "units seen fewer times in training are left out of the vocabulary and read as <unk>; 1 keeps all; not used by kind sentencepiece (its vocabulary is its pieces)"),
            // Four special tokens (<pad> <s> </s> <unk>) plus at least one real unit.
            .key("max_vocabulary", \.maxVocabulary, .nonNegative(zeroMeans: "no limit", maximum: largest),
                 also: { complaint(unless: $0.maxVocabulary == 0 || $0.maxVocabulary > 4,
                                   "must leave room beside the 4 special tokens, found \($0.maxVocabulary)") },
                 doc: "largest vocabulary per language including the 4 special tokens, most frequent units first; 0 = no limit, else at most \(largest); not used by kind sentencepiece"),
            .optional("merges_file", \.mergesFile,
                      also: { $0.mergesFile == nil ? nil
                          : $0.kind != .bpe ? "applies to kind bpe only (kind is \($0.kind.rawValue))"
                          : complaint(unless: $0.joint, "is one codes file for both languages, so joint must be true") },
                      doc: "an existing BPE codes file (subword-nmt's learn_bpe or nmt bpe learn output) used for both languages instead of learning merges; kind bpe only"),
            .optional("vocabulary_files", \.vocabularyFiles,
                      also: { section in
                          guard let files = section.vocabularyFiles else { return nil }
                          if section.kind == .sentencePiece { return "does not apply to kind sentencepiece: the model's pieces are the vocabulary" }
                          let needed = section.shareVocabulary ? 1 : 2
                          return complaint(unless: files.count == needed,
                                           section.shareVocabulary ? "must name one file with share_vocabulary: true, found \(files.count)"
                                               : "must name two files, the source vocabulary then the target one (or one with share_vocabulary: true), found \(files.count)")
                      },
                      doc: "existing vocabularies used instead of counting units: [SRC_FILE, TGT_FILE], or [FILE] with share_vocabulary; one unit per line (nmt's own files, or subword-nmt's 'unit count' lines)"),
            .optional("model_file", \.modelFile,
                      also: { complaint(unless: $0.modelFile == nil || $0.kind == .sentencePiece,
                                        "applies to kind sentencepiece only (kind is \($0.kind.rawValue))") },
                      doc: "an existing SentencePiece .model file used for both languages instead of training one (model_type, vocabulary_size and character_coverage then unused); kind sentencepiece only"),
            .key("sample_pairs", \.samplePairs, .nonNegative(zeroMeans: "all pairs"),
                 doc: "training pairs (a seeded random sample) the BPE merges, vocabularies or SentencePiece model are learned from; 0 = all"),
        ]
    }
}
