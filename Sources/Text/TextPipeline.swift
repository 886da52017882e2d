/// The whole text side of translation for one language: a raw line to model units
/// (normalize → tokenize → segment) and model units back to a line (join → detokenize).
/// A trained model's pipeline is rebuilt from the settings in its checkpoint.
public struct TextPipeline: Sendable {
    public var normalizer: Normalizer
    public var tokenizer: Tokenizer
    public var detokenizer: Detokenizer
    public var segmentation: Segmentation

    public init(language: Language, lowercase: Bool, segmentation: Segmentation = .word) {
        normalizer = Normalizer(language: language, lowercase: lowercase)
        tokenizer = Tokenizer(language: language)
        detokenizer = Detokenizer(language: language)
        self.segmentation = segmentation
    }

    /// The tokens of a raw line, before segmentation.
    public func tokens(of line: String) -> [String] {
        tokenizer.tokenize(normalizer.normalize(line))
    }

    /// The units of a raw line, what the vocabulary encodes.
    public func units(of line: String) -> [String] {
        segmentation.segment(tokens(of: line))
    }

    /// A line of text from a model's output units.
    public func text(from units: [String]) -> String {
        detokenizer.detokenize(segmentation.join(units))
    }
}
