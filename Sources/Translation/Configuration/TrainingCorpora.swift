import Foundation
import Text
import YAMLConfiguration

extension TrainingConfiguration {
    /// `data.train`: one corpus or several, each read in turn and oversampled by its weight.
    /// Written as a path prefix (`train: data/default/train`, one corpus of two files) or as a
    /// list of corpora:
    ///
    ///     train:
    ///       - path: data/general/train
    ///       - {path: data/medical.tsv, format: tsv, weight: 4}
    public struct TrainingCorpora: Equatable, Sendable {
        public var corpora: [Corpus]

        public init(_ corpora: [Corpus]) { self.corpora = corpora }

        /// One corpus of two files, `prefix.SRC` and `prefix.TGT`.
        public init(prefix: String) { corpora = [Corpus(path: prefix)] }

        /// A corpus and how an epoch samples it.
        public struct Corpus: Equatable, Sendable {
            /// A path prefix (format files) or the path of the file (format tsv).
            public var path: String
            public var format = Format.files
            /// How many times an epoch takes each pair: 1 once, 4 four times, 0.5 half of the
            /// pairs (another half each epoch).
            public var weight = 1.0

            public init(path: String, format: Format = .files, weight: Double = 1) {
                self.path = path
                self.format = format
                self.weight = weight
            }
        }

        /// How a corpus is laid out on disk.
        public enum Format: String, CaseIterable, Codable, Sendable, ConfigurationValue {
            /// Two line-aligned files, PREFIX.SRC and PREFIX.TGT.
            case files
            /// One file of `source<TAB>target` lines.
            case tsv
        }

        /// The corpus as `ParallelCorpus` reads it.
        public static func parallelCorpus(_ corpus: Corpus, source: String, target: String) -> ParallelCorpus {
            switch corpus.format {
            case .files: ParallelCorpus(prefix: corpus.path, sourceSuffix: source, targetSuffix: target)
            case .tsv: ParallelCorpus(tabSeparatedPath: corpus.path)
            }
        }

        /// The largest weight: an epoch of more than a thousand passes over a corpus is a typo.
        public static let maximumWeight = 1000.0
    }
}

extension TrainingConfiguration.TrainingCorpora.Corpus: NestedSection {
    package static var template: Self { Self(path: "") }

    package static var keys: [ConfigurationKey<Self>] {
        let largest = TrainingConfiguration.TrainingCorpora.maximumWeight
        return [
            .required("path", \.path, .pathPrefix(example: "data/default/train"),
                      doc: "a path prefix (format files: PREFIX.SRC and PREFIX.TGT) or a file (format tsv)"),
            .key("format", \.format, doc: "files: two line-aligned files; tsv: one file of source<TAB>target lines"),
            .key("weight", \.weight, ValueRule { complaint(unless: $0 > 0 && $0 <= largest, "must be greater than 0 and at most \(largest), found \($0)") },
                 doc: "times an epoch takes each pair (oversampling): 1 once, 4 four times, 0.5 half of them"),
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

extension TrainingConfiguration.TrainingCorpora: SectionList {
    package static var expected: String { "a path prefix or a list of corpora (path, format, weight)" }

    package init(entries: [Corpus]) { self.init(entries) }

    /// A scalar is a corpus of two files: `data/default/train`.
    package static func entry(shorthand: String) -> Corpus? { Corpus(path: shorthand) }

    /// A plain prefix for one corpus of files read once; a flow list otherwise.
    package var scalarText: String {
        if corpora.count == 1, corpora[0].format == .files, corpora[0].weight == 1 { return corpora[0].path.scalarText }
        return "[" + corpora.map(\.scalarText).joined(separator: ", ") + "]"
    }

    /// A string for one plain corpus (as checkpoints written before lists had it), else a list.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if corpora.count == 1, corpora[0].format == .files, corpora[0].weight == 1 {
            try container.encode(corpora[0].path)
        } else {
            try container.encode(corpora)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let prefix = try? container.decode(String.self) {
            self.init(prefix: prefix)
        } else {
            self.init(try container.decode([Corpus].self))
        }
    }

    /// What is wrong with the list as a whole (the entries check themselves as they are read).
    var violation: String? {
        if corpora.isEmpty { return "must name at least one corpus" }
        for (index, corpus) in corpora.enumerated() {
            if let problem = corpus.violations.first { return "corpus \(index + 1): \(problem.key) \(problem.message)" }
        }
        return nil
    }
}
