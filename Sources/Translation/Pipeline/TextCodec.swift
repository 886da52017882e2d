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
        /// A name outside bpe, word, char and sentencepiece in a checkpoint is refused when it is
        /// read.
        public var segmentation: TrainingConfiguration.SegmentationSection.Kind
        /// One vocabulary serves both languages (the two stored vocabularies must be equal).
        /// Absent in checkpoints written before the setting existed: false.
        public var sharedVocabulary: Bool

        public init(sourceLanguage: String, targetLanguage: String, lowercase: Bool, tokenized: Bool,
                    segmentation: TrainingConfiguration.SegmentationSection.Kind, sharedVocabulary: Bool = false) {
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
            self.lowercase = lowercase
            self.tokenized = tokenized
            self.segmentation = segmentation
            self.sharedVocabulary = sharedVocabulary
        }

        private enum CodingKeys: String, CodingKey {
            case sourceLanguage, targetLanguage, lowercase, tokenized, segmentation, sharedVocabulary
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sourceLanguage = try container.decode(String.self, forKey: .sourceLanguage)
            targetLanguage = try container.decode(String.self, forKey: .targetLanguage)
            lowercase = try container.decode(Bool.self, forKey: .lowercase)
            tokenized = try container.decode(Bool.self, forKey: .tokenized)
            segmentation = try container.decode(TrainingConfiguration.SegmentationSection.Kind.self, forKey: .segmentation)
            sharedVocabulary = try container.decodeIfPresent(Bool.self, forKey: .sharedVocabulary) ?? false
        }
    }

    public let settings: Settings
    /// BPE merges (segmentation bpe; one set for both languages, or per language).
    public let sourceMerges: BPEMerges?
    public let targetMerges: BPEMerges?
    /// SentencePiece models (segmentation sentencepiece; one model for both languages, or per
    /// language).
    public let sourceSentencePiece: SentencePieceModel?
    public let targetSentencePiece: SentencePieceModel?
    public let sourceVocabulary: Vocabulary
    public let targetVocabulary: Vocabulary
    private let source: TextPipeline
    private let target: TextPipeline

    public init(settings: Settings, sourceMerges: BPEMerges?, targetMerges: BPEMerges?,
                sourceSentencePiece: SentencePieceModel? = nil, targetSentencePiece: SentencePieceModel? = nil,
                sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary) throws {
        if settings.sharedVocabulary && sourceVocabulary != targetVocabulary {
            throw TextError.invalidArgument("the vocabulary is shared, but the source vocabulary (\(sourceVocabulary.count) units) "
                + "and the target vocabulary (\(targetVocabulary.count) units) differ")
        }
        self.settings = settings
        self.sourceMerges = sourceMerges
        self.targetMerges = targetMerges
        self.sourceSentencePiece = sourceSentencePiece
        self.targetSentencePiece = targetSentencePiece
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
        source = try Self.pipeline(settings, language: settings.sourceLanguage, merges: sourceMerges, sentencePiece: sourceSentencePiece)
        target = try Self.pipeline(settings, language: settings.targetLanguage, merges: targetMerges, sentencePiece: targetSentencePiece)
    }

    package static func pipeline(_ settings: Settings, language: String, merges: BPEMerges?,
                                 sentencePiece: SentencePieceModel? = nil) throws -> TextPipeline {
        var pipeline = try tokenizer(settings, language: language)
        switch settings.segmentation {
        case .bpe:
            guard let merges else { throw TextError.invalidArgument("segmentation bpe needs merges") }
            pipeline.segmentation = .bpe(BPE(merges: merges))
        case .sentencePiece:
            guard let sentencePiece else { throw TextError.invalidArgument("segmentation sentencepiece needs a SentencePiece model") }
            pipeline.segmentation = .sentencePiece(sentencePiece)
        case .character: pipeline.segmentation = .character
        case .word: pipeline.segmentation = .word
        }
        return pipeline
    }

    /// The pipeline of one language before any merges or model exist, for `tokens(_:_:_:)`.
    /// SentencePiece reads the text with its own punctuation (no Moses normalization), so that
    /// its pieces decode to the marks the corpus uses („…“, «…»).
    package static func tokenizer(_ settings: Settings, language: String) throws -> TextPipeline {
        TextPipeline(language: try Language(code: language), lowercase: settings.lowercase,
                     normalizePunctuation: settings.segmentation != .sentencePiece)
    }

    /// The units of a source line (what the source vocabulary encodes).
    public func sourceUnits(_ line: String) -> [String] { source.segmentation.segment(Self.tokens(line, settings, source)) }
    public func targetUnits(_ line: String) -> [String] { target.segmentation.segment(Self.tokens(line, settings, target)) }

    /// The tokens of a line before segmentation: split on spaces for pre-tokenized text, the
    /// normalized line as one token for SentencePiece (which cuts the line itself), normalized
    /// and tokenized otherwise. Needs no merges, model or vocabulary, so training can tokenize
    /// its corpus once, before any exists.
    package static func tokens(_ line: String, _ settings: Settings, _ pipeline: TextPipeline) -> [String] {
        if settings.tokenized {
            let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            return settings.lowercase ? tokens.map { $0.lowercased() } : tokens
        }
        if settings.segmentation == .sentencePiece { return [pipeline.normalizer.normalize(line)] }
        return pipeline.tokens(of: line)
    }

    /// Source ids without </s> (the batch or search adds it).
    public func encodeSource(_ line: String) -> [Int32] { sourceVocabulary.encode(sourceUnits(line)) }
    public func encodeTarget(_ line: String) -> [Int32] { targetVocabulary.encode(targetUnits(line)) }

    /// A readable target line from output ids: units joined, then detokenized (SentencePiece
    /// pieces decode to the line itself).
    public func decodeTarget(_ ids: [Int32]) -> String {
        let units = targetVocabulary.decode(ids)
        if settings.tokenized { return target.segmentation.join(units).joined(separator: " ") }
        return target.text(from: units)
    }

    /// Source units for display (attention pictures).
    public func sourceTokens(_ line: String) -> [String] { sourceUnits(line) }
    public func targetTokens(_ ids: [Int32]) -> [String] { targetVocabulary.decode(ids) }
}
