import YAMLConfiguration

/// How a search runs: the one settings type that a configuration's `translation:` section, the
/// command line (`nmt translate`, `nmt evaluate`) and an HTTP request all decode into, each
/// checked against the one table of limits, `SearchSettings.Limits`. The first five settings
/// are stored with the model (the YAML keys below); the others are chosen per run or request.
public struct SearchSettings: Hashable, Sendable {
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
    /// Longest output = maxLengthRatio × source length + 10 units (`maxOutputLength`).
    public var maxLengthRatio: Float = 2.0
    /// Longest source line translated as it is, in units after segmentation. Decoding time
    /// grows with the square of the length (every output step attends to every source unit),
    /// so a 100,000-word line would run for minutes; 1,000 units is 10× the training default
    /// `max_length` and takes about a second.
    public var maxInputLength = 1000
    public var overlongInput = OverlongInput.truncate
    /// Hypotheses returned per sentence, best first (at most `beam`).
    public var nBest = 1
    /// Sentences decoded together.
    public var batchSize = 64
    /// Never repeat an n-gram of this many units in one output; 0 = off (see SearchGuards).
    public var noRepeatNGram = 0
    /// Shortest output = minLengthRatio × source length; 0 = off.
    public var minLengthRatio: Float = 0
    /// Score only a shortlist's candidates when the translator has one; false: all.
    public var useShortlist = true
    /// Keep each output unit's attention over the source (the page, --attention-svg).
    public var keepAttention = false

    public init() {}

    /// Longest output, in units, for a source of `sourceLength` units (without `</s>`).
    public func maxOutputLength(sourceLength: Int) -> Int {
        Int((maxLengthRatio * Float(sourceLength)).rounded(.down)) + 10
    }

    /// The input length limit these settings impose.
    public var inputLimit: InputLengthLimit {
        InputLengthLimit(maximumUnits: maxInputLength, action: overlongInput)
    }

    /// The repetition and minimum-length guards these settings ask for.
    public var guards: SearchGuards {
        SearchGuards(noRepeatNGram: noRepeatNGram, minLengthRatio: minLengthRatio)
    }
}

extension SearchSettings {
    /// The one table of limits: the YAML keys, the command-line options and the HTTP fields are
    /// all checked against these. They keep time and memory in reach: beam search keeps
    /// beam × batch hypotheses, each scoring the target vocabulary at each of up to
    /// maxLengthRatio × source length + 10 steps.
    public enum Limits {
        /// 100 already makes each step 100× greedy's work.
        public static let beam = 1...100
        public static let nBest = 1...100
        public static let batchSize = 1...1024
        public static let lengthPenalty: ClosedRange<Float> = 0...10
        /// Exclusive of 0: a ratio must be greater than 0 and at most this; outputs 100× their
        /// source are never translations.
        public static let maxLengthRatio: Float = 100
        public static let maxInputLength = 1...100_000
        public static let noRepeatNGram = 0...10
        public static let minLengthRatio: ClosedRange<Float> = 0...10
    }
}

extension SearchSettings: ConfigurationSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        let beam = Limits.beam.upperBound, inputLength = Limits.maxInputLength.upperBound
        let penalty = Limits.lengthPenalty
        return [
            .key("beam", \.beam, .size(maximum: beam),
                 doc: "beam size used by `nmt translate` and `nmt evaluate` unless --beam is given; 1 = greedy; at most \(beam)"),
            .key("length_penalty", \.lengthPenalty, .within(penalty),
                 doc: "α in score / length^α, which ranks finished hypotheses; 0 = raw log-probability, which favours short outputs; \(penalty.lowerBound.plainText) to \(penalty.upperBound.plainText)"),
            .key("max_length_ratio", \.maxLengthRatio, .positive(maximum: Limits.maxLengthRatio),
                 doc: "longest output = max_length_ratio × source length + 10 units; a number > 0 and at most \(Limits.maxLengthRatio.plainText)"),
            .key("max_input_length", \.maxInputLength, .size(maximum: inputLength),
                 doc: "longest source line translated as it is, in units after segmentation; decoding time grows with its square, so one 100,000-word line would take minutes; a positive integer, at most \(inputLength)"),
            .key("overlong_input", \.overlongInput,
                 doc: "what happens to a longer line: truncate (translate its first max_input_length units) or skip (an empty output line); either way a warning counts them"),
        ]
    }
}

/// The settings stored with a model, as JSON objects under their YAML names (`nmt serve`'s
/// `/info`): `{"beam":5,"length_penalty":1,…}`, written through the key table.
extension SearchSettings: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingName.self)
        try encode(to: &container)
    }
}

extension Float {
    /// 10 rather than 10.0, for messages and documentation.
    package var plainText: String { self == rounded() && abs(self) < 1e9 ? String(Int(self)) : String(self) }
}
