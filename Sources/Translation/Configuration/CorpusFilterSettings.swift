import YAMLConfiguration

extension TrainingConfiguration {
    /// `data.filters`: which training pairs are dropped when the corpora are prepared. Each
    /// filter is off by default; the log and metrics.jsonl count what each dropped, per corpus.
    public struct CorpusFilterSettings: Equatable, Sendable {
        /// A pair whose longer side has more than this many times the units of its shorter side
        /// is dropped; 0 = off.
        public var lengthRatio = 0.0
        /// A pair seen before (same source and target lines, in any corpus) is dropped.
        public var duplicates = false
        /// A pair whose target line is its source line is dropped.
        public var copies = false
        /// A pair with a side that holds no letter (numbers, punctuation, markup) is dropped.
        public var noLetters = false
        /// A pair with a side of more than this many units is dropped; 0 = off.
        public var maxUnits = 0

        public init() {}

        /// Names of the filters that are on, for messages and metrics.
        public var active: [String] {
            [lengthRatio > 0 ? "length_ratio" : nil, duplicates ? "duplicates" : nil, copies ? "copies" : nil,
             noLetters ? "no_letters" : nil, maxUnits > 0 ? "max_units" : nil].compactMap { $0 }
        }
    }
}

extension TrainingConfiguration.CorpusFilterSettings: NestedSection {
    package static var template: Self { Self() }

    package static var keys: [ConfigurationKey<Self>] {
        [
            .key("length_ratio", \.lengthRatio,
                 ValueRule { complaint(unless: $0 == 0 || $0 >= 1, "must be 0 (off) or at least 1, found \($0)") },
                 doc: "drop a pair whose longer side has more than this many times the units of the shorter; 0 = off"),
            .key("duplicates", \.duplicates, doc: "drop a pair whose source and target lines were both seen together before, in any corpus"),
            .key("copies", \.copies, doc: "drop a pair whose target line is its source line (untranslated)"),
            .key("no_letters", \.noLetters, doc: "drop a pair with a side that holds no letter (numbers, punctuation, markup)"),
            .key("max_units", \.maxUnits, .nonNegative(zeroMeans: "off", maximum: 1_000_000),
                 doc: "drop a pair with a side of more than this many units; 0 = off"),
        ]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingName.self)
        try encode(to: &container)
    }

    public init(from decoder: Decoder) throws {
        try self.init(decoding: decoder.container(keyedBy: CodingName.self))
    }
}
