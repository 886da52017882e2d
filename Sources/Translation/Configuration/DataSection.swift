import Text

extension TrainingConfiguration {
    /// `data:` — where the parallel corpus lives and how it is read. Each split is a path prefix:
    /// `data/default/train` with languages `en` and `de` names `data/default/train.en` and
    /// `data/default/train.de`.
    public struct DataSection: Codable, Equatable, Sendable {
        public var train: String
        public var valid: String
        /// Scored after training when given.
        public var test: String?
        public var sourceLanguage: Language
        public var targetLanguage: Language
        /// The files are already tokenized: split on spaces, run no tokenizer.
        public var tokenized = false
        public var lowercase = true
        /// Training pairs with more units (after segmentation) on either side are skipped.
        public var maxLength = 100
        /// Largest `max_length`: 10,000 units, far beyond any sentence; a batch of such pairs
        /// already needs gigabytes of activations.
        public static let maximumLength = 10_000

        enum CodingKeys: String, CodingKey, CaseIterable {
            case train, valid, test
            case sourceLanguage = "source_language"
            case targetLanguage = "target_language"
            case tokenized, lowercase
            case maxLength = "max_length"
        }

        public init(train: String, valid: String, test: String? = nil,
                    sourceLanguage: Language, targetLanguage: Language) {
            self.train = train
            self.valid = valid
            self.test = test
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
        }

        /// The two files of a split: `prefix.en`, `prefix.de`.
        public func files(prefix: String) -> (source: String, target: String) {
            ("\(prefix).\(sourceLanguage.rawValue)", "\(prefix).\(targetLanguage.rawValue)")
        }

        /// The splits that are given, each with the key that names it.
        var splits: [(key: CodingKeys, prefix: String)] {
            [(.train, train), (.valid, valid)] + (test.map { [(.test, $0)] } ?? [])
        }
    }
}

extension TrainingConfiguration.DataSection: ConfigurationSection {
    static var requiredKeys: [CodingKeys] { [.train, .valid, .sourceLanguage, .targetLanguage] }

    init(reading reader: SectionReader<CodingKeys>) throws {
        func prefix(_ key: CodingKeys) throws -> String {
            try reader.required(key, hint: "a path prefix: data/default/\(key.stringValue) names "
                                    + "data/default/\(key.stringValue).SRC and .TGT")
        }
        self.init(train: try prefix(.train), valid: try prefix(.valid),
                  sourceLanguage: try reader.required(.sourceLanguage),
                  targetLanguage: try reader.required(.targetLanguage))
        try reader.read(.test, into: &test)
        try reader.read(.tokenized, into: &tokenized)
        try reader.read(.lowercase, into: &lowercase)
        try reader.read(.maxLength, into: &maxLength)
    }

    var checks: ValueChecks<CodingKeys> {
        var checks = ValueChecks<CodingKeys>()
        for (key, prefix) in splits {
            checks.require(!prefix.isEmpty, key, "must be a path prefix such as data/default/\(key.stringValue)")
        }
        checks.require(sourceLanguage != targetLanguage, .targetLanguage,
                       "must differ from source_language (both are \(targetLanguage.rawValue))")
        checks.size(maxLength, .maxLength, maximum: Self.maximumLength)
        return checks
    }
}

extension TrainingConfiguration.DataSection {
    /// The prefixes made absolute: relative ones are taken from `baseDirectory`.
    mutating func resolvePaths(against baseDirectory: String) {
        train = FilePaths.resolve(train, against: baseDirectory)
        valid = FilePaths.resolve(valid, against: baseDirectory)
        test = test.map { FilePaths.resolve($0, against: baseDirectory) }
    }

    /// The first corpus file that does not exist, with the key of its split.
    func missingFile(relativeTo baseDirectory: String) -> (key: CodingKeys, message: String)? {
        for (key, prefix) in splits {
            let (source, target) = files(prefix: FilePaths.resolve(prefix, against: baseDirectory))
            for path in [source, target] where !FilePaths.isFile(path) {
                var message = "no such file: \(path)"
                if !FilePaths.isAbsolute(prefix) {
                    message += " (prefix '\(prefix)'; relative paths start from \(baseDirectory))"
                }
                return (key, message)
            }
        }
        return nil
    }
}

// Languages travel as their codes (`en`), as in the YAML.
extension TrainingConfiguration.DataSection {
    public init(from decoder: Swift.Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func language(_ key: CodingKeys) throws -> Language {
            let code = try container.decode(String.self, forKey: key)
            guard let language = Language(rawValue: code) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "unknown language \(code); expected \(Language.expected)")
            }
            return language
        }
        train = try container.decode(String.self, forKey: .train)
        valid = try container.decode(String.self, forKey: .valid)
        test = try container.decodeIfPresent(String.self, forKey: .test)
        sourceLanguage = try language(.sourceLanguage)
        targetLanguage = try language(.targetLanguage)
        tokenized = try container.decode(Bool.self, forKey: .tokenized)
        lowercase = try container.decode(Bool.self, forKey: .lowercase)
        maxLength = try container.decode(Int.self, forKey: .maxLength)
    }

    public func encode(to encoder: Swift.Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(train, forKey: .train)
        try container.encode(valid, forKey: .valid)
        try container.encodeIfPresent(test, forKey: .test)
        try container.encode(sourceLanguage.rawValue, forKey: .sourceLanguage)
        try container.encode(targetLanguage.rawValue, forKey: .targetLanguage)
        try container.encode(tokenized, forKey: .tokenized)
        try container.encode(lowercase, forKey: .lowercase)
        try container.encode(maxLength, forKey: .maxLength)
    }
}
