import YAMLConfiguration

/// `translation:` — beam search settings stored with the model: `nmt translate` and
/// `nmt evaluate` use them unless told otherwise.
public struct SearchSettings: Equatable, Sendable {
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

    public init() {}

    /// Longest output, in units, for a source of `sourceLength` units.
    public func maxOutputLength(sourceLength: Int) -> Int {
        Int((maxLengthRatio * Float(sourceLength)).rounded(.down)) + 10
    }
}

extension SearchSettings: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        [
            .key("beam", \.beam, .size(maximum: maximumBeam),
                 doc: "beam size used by `nmt translate` and `nmt evaluate` unless --beam is given; 1 = greedy; at most \(maximumBeam)"),
            .key("length_penalty", \.lengthPenalty, .nonNegative,
                 doc: "α in score / length^α, which ranks finished hypotheses; 0 = raw log-probability, which favours short outputs; ≥ 0"),
            .key("max_length_ratio", \.maxLengthRatio, .positive(maximum: maximumLengthRatio),
                 doc: "longest output = max_length_ratio × source length + 10 units; a number > 0 and at most \(Int(maximumLengthRatio))"),
            .key("max_input_length", \.maxInputLength, .size(maximum: maximumInputLength),
                 doc: "longest source line translated as it is, in units after segmentation; decoding time grows with its square, so one 100,000-word line would take minutes; a positive integer, at most \(maximumInputLength)"),
            .key("overlong_input", \.overlongInput,
                 doc: "what happens to a longer line: truncate (translate its first max_input_length units) or skip (an empty output line); either way a warning counts them"),
        ]
    }
}
