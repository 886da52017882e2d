/// The whole text side of translation for one language: a raw line to model units
/// (normalize → tokenize → segment) and model units back to a line (join → detokenize).
/// With SentencePiece there is no tokenizer and no detokenizer: the normalized line is cut into
/// pieces, and the pieces decode to the line.
/// A trained model's pipeline is rebuilt from the settings in its checkpoint.
public struct TextPipeline: Sendable {
    public var normalizer: Normalizer
    public var tokenizer: Tokenizer
    public var detokenizer: Detokenizer
    public var segmentation: Segmentation

    /// - Parameter normalizePunctuation: Moses' punctuation normalization after NFC (and
    ///   lowercasing); tokenized pipelines want it, SentencePiece ones keep the text's own marks.
    public init(language: Language, lowercase: Bool, segmentation: Segmentation = .word, normalizePunctuation: Bool = true) {
        normalizer = Normalizer(language: language, lowercase: lowercase, normalizePunctuation: normalizePunctuation)
        tokenizer = Tokenizer(language: language)
        detokenizer = Detokenizer(language: language)
        self.segmentation = segmentation
    }

    /// The tokens of a raw line, before segmentation: for SentencePiece the normalized line as
    /// one token.
    public func tokens(of line: String) -> [String] {
        let normalized = normalizer.normalize(line)
        return segmentation.segmentsLines ? [normalized] : tokenizer.tokenize(normalized)
    }

    /// The units of a raw line, what the vocabulary encodes.
    public func units(of line: String) -> [String] {
        segmentation.segment(tokens(of: line))
    }

    /// A line of text from a model's output units.
    public func text(from units: [String]) -> String {
        let tokens = segmentation.join(units)
        return segmentation.segmentsLines ? tokens.joined(separator: " ") : detokenizer.detokenize(tokens)
    }
}
