import Text
import YAMLConfiguration

extension TrainingConfiguration {
    /// `data:` — where the parallel corpus lives and how it is read. Each split is a path prefix:
    /// `data/default/train` with languages `en` and `de` names `data/default/train.en` and
    /// `data/default/train.de`; the training split may also be a list of corpora
    /// (`TrainingCorpora`), cleaned by `filters` and prepared once into `prepared_directory`.
    public struct DataSection: Equatable, Sendable {
        public var train: TrainingCorpora
        public var valid: String
        /// Scored after training when given.
        public var test: String?
        public var sourceLanguage: Language
        public var targetLanguage: Language
        /// The files are already tokenized: split on spaces, run no tokenizer.
        public var tokenized = false
        public var lowercase = false
        /// Training pairs with more units (after segmentation) on either side are skipped.
        public var maxLength = 100
        /// Largest `max_length`: 10,000 units, far beyond any sentence; a batch of such pairs
        /// already needs gigabytes of activations.
        public static let maximumLength = 10_000
        /// Which training pairs are dropped when the corpora are prepared.
        public var filters = CorpusFilterSettings()
        /// Where the prepared training data (ids on disk, memory-mapped) is kept; nil: the
        /// `prepared` directory inside the output directory.
        public var preparedDirectory: String?

        public init(train: String, valid: String, test: String? = nil,
                    sourceLanguage: Language, targetLanguage: Language) {
            self.train = TrainingCorpora(prefix: train)
            self.valid = valid
            self.test = test
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
        }

        /// The two files of a split: `prefix.en`, `prefix.de`.
        public func files(prefix: String) -> (source: String, target: String) {
            ("\(prefix).\(sourceLanguage.code)", "\(prefix).\(targetLanguage.code)")
        }

        /// The files of every split: the key that names it, the path as written (a prefix, or a
        /// tsv file) and the files it stands for.
        var splitFiles: [(key: String, written: String, isPrefix: Bool, paths: [String])] {
            let training = train.corpora.map { corpus in
                corpus.format == .tsv ? ("train", corpus.path, false, [corpus.path]) : prefixFiles("train", corpus.path)
            }
            return training + [prefixFiles("valid", valid)] + (test.map { [prefixFiles("test", $0)] } ?? [])
        }

        private func prefixFiles(_ key: String, _ prefix: String) -> (key: String, written: String, isPrefix: Bool, paths: [String]) {
            let (source, target) = files(prefix: prefix)
            return (key, prefix, true, [source, target])
        }
    }
}

extension TrainingConfiguration.DataSection: ConfigurationSection {
    package static var template: Self { Self(train: "", valid: "", sourceLanguage: .english, targetLanguage: .german) }

    package static var keys: [ConfigurationKey<Self>] {
        func prefixHint(_ split: String) -> String {
            "a path prefix: data/default/\(split) names data/default/\(split).SRC and .TGT"
        }
        return [
            .required("train", \.train, ValueRule { $0.violation }, hint: prefixHint("train") + ", or a list of corpora (path, format, weight)",
                      doc: "Path prefix of the training corpus: reads PREFIX.SRC and PREFIX.TGT, here data/default/train.en and data/default/train.de; "
                        + "or a list of corpora, each {path, format: files|tsv, weight} (see docs/configuration.md)"),
            .required("valid", \.valid, .pathPrefix(example: "data/default/valid"), hint: prefixHint("valid"),
                      doc: "Path prefix of the validation corpus (checkpoint selection, early stopping)"),
            .optional("test", \.test, .pathPrefix(example: "data/default/test"),
                      doc: "Path prefix of the test corpus, scored after training; leave out for none"),
            .required("source_language", \.sourceLanguage,
                      doc: "BCP 47 tag of the source language (en, cs, pt-BR, zh-Hans, …) and the suffix of its files; en, de, fr and cs have tokenizer rules of their own, every other language gets the language-independent ones"),
            .required("target_language", \.targetLanguage,
                      also: { complaint(unless: $0.sourceLanguage != $0.targetLanguage,
                                        "must differ from source_language (both are \($0.targetLanguage.code))") },
                      doc: "BCP 47 tag of the target language (not the source's)"),
            .key("tokenized", \.tokenized,
                 doc: "true: the files are already tokenized, so lines are split on spaces and no tokenizer runs; false: raw text is tokenized per language"),
            .key("lowercase", \.lowercase, doc: "lowercase everything before tokenizing; BLEU is then lowercased too"),
            .key("max_length", \.maxLength, .size(maximum: maximumLength),
                 doc: "training pairs with more units (after segmentation) on either side are skipped; a positive integer, at most \(maximumLength)"),
            .key("filters", \.filters,
                 doc: "cleaning: training pairs dropped when the corpora are prepared, each filter off by default (see docs/configuration.md)"),
            .optional("prepared_directory", \.preparedDirectory, .pathPrefix(example: "data/prepared"),
                      doc: "where the prepared training data (ids on disk) is kept and reused; leave out for OUTPUT_DIRECTORY/prepared"),
        ]
    }
}

package extension TrainingConfiguration.DataSection {
    /// The prefixes made absolute: relative ones are taken from `baseDirectory`.
    mutating func resolvePaths(against baseDirectory: String) {
        for index in train.corpora.indices {
            train.corpora[index].path = FilePaths.resolve(train.corpora[index].path, against: baseDirectory)
        }
        preparedDirectory = preparedDirectory.map { FilePaths.resolve($0, against: baseDirectory) }
        valid = FilePaths.resolve(valid, against: baseDirectory)
        test = test.map { FilePaths.resolve($0, against: baseDirectory) }
    }

    /// The first corpus file that does not exist, with the key of its split.
    func missingFile(relativeTo baseDirectory: String) -> (key: String, message: String)? {
        for (key, written, isPrefix, paths) in splitFiles {
            for path in paths.map({ FilePaths.resolve($0, against: baseDirectory) }) where !FilePaths.isFile(path) {
                var message = "no such file: \(path)"
                if !FilePaths.isAbsolute(written) {
                    message += " (\(isPrefix ? "prefix" : "file") '\(written)'; relative paths start from \(baseDirectory))"
                }
                return (key, message)
            }
        }
        return nil
    }
}

/// A language key holds a BCP 47 tag; a malformed one is refused saying what is wrong with it.
extension Language: ParsedConfigurationValue {
    package static var expected: String { "a BCP 47 language tag such as en, cs, pt-BR or zh-Hans" }
    package init(parsing text: String) throws { try self.init(code: text) }
    package var text: String { code }
}
