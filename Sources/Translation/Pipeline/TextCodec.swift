import Text

/// Raw lines ↔ model ids for both languages: normalization, tokenization, segmentation and the
/// vocabularies. Everything here travels inside a checkpoint, so translation needs nothing else.
public struct TextCodec {
    public struct Settings: Codable, Equatable, Sendable {
        public var sourceLanguage: String
        public var targetLanguage: String
        public var lowercase: Bool
        /// Input is already tokenized: split on spaces instead of running the tokenizer, and give
        /// output as space-joined tokens (no detokenization).
        public var tokenized: Bool
        /// A name outside bpe, word and char in a checkpoint is refused when it is read.
        public var segmentation: TrainingConfiguration.SegmentationSection.Kind

        public init(sourceLanguage: String, targetLanguage: String, lowercase: Bool, tokenized: Bool,
                    segmentation: TrainingConfiguration.SegmentationSection.Kind) {
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
            self.lowercase = lowercase
            self.tokenized = tokenized
            self.segmentation = segmentation
        }
    }

    public let settings: Settings
    /// BPE merges (segmentation bpe; one set for both languages, or per language).
    public let sourceMerges: BPEMerges?
    public let targetMerges: BPEMerges?
    public let sourceVocabulary: Vocabulary
    public let targetVocabulary: Vocabulary
    private let source: TextPipeline
    private let target: TextPipeline

    public init(settings: Settings, sourceMerges: BPEMerges?, targetMerges: BPEMerges?,
                sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary) throws {
        self.settings = settings
        self.sourceMerges = sourceMerges
        self.targetMerges = targetMerges
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
        source = try Self.pipeline(settings, language: settings.sourceLanguage, merges: sourceMerges)
        target = try Self.pipeline(settings, language: settings.targetLanguage, merges: targetMerges)
    }

    package static func pipeline(_ settings: Settings, language: String, merges: BPEMerges?) throws -> TextPipeline {
        let segmentation: Segmentation
        switch settings.segmentation {
        case .bpe:
            guard let merges else { throw TextError.invalidArgument("segmentation bpe needs merges") }
            segmentation = .bpe(BPE(merges: merges))
        case .character: segmentation = .character
        case .word: segmentation = .word
        }
        return TextPipeline(language: try Language(code: language), lowercase: settings.lowercase, segmentation: segmentation)
    }

    /// The units of a source line (what the source vocabulary encodes).
    public func sourceUnits(_ line: String) -> [String] { source.segmentation.segment(Self.tokens(line, settings, source)) }
    public func targetUnits(_ line: String) -> [String] { target.segmentation.segment(Self.tokens(line, settings, target)) }

    /// The tokens of a line before segmentation: split on spaces for pre-tokenized text,
    /// normalized and tokenized otherwise. Needs no merges or vocabulary, so training can
    /// tokenize its corpus once, before either exists.
    package static func tokens(_ line: String, _ settings: Settings, _ pipeline: TextPipeline) -> [String] {
        guard settings.tokenized else { return pipeline.tokens(of: line) }
        let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return settings.lowercase ? tokens.map { $0.lowercased() } : tokens
    }

    /// Source ids without </s> (the batch or search adds it).
    public func encodeSource(_ line: String) -> [Int32] { sourceVocabulary.encode(sourceUnits(line)) }
    public func encodeTarget(_ line: String) -> [Int32] { targetVocabulary.encode(targetUnits(line)) }

    /// A readable target line from output ids: units joined, then detokenized.
    public func decodeTarget(_ ids: [Int32]) -> String {
        let units = targetVocabulary.decode(ids)
        if settings.tokenized { return target.segmentation.join(units).joined(separator: " ") }
        return target.text(from: units)
    }

    /// Source units for display (attention pictures).
    public func sourceTokens(_ line: String) -> [String] { sourceUnits(line) }
    public func targetTokens(_ ids: [Int32]) -> [String] { targetVocabulary.decode(ids) }
}
