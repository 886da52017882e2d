import Foundation
import Yams

/// Everything `nmt train` needs, read from one YAML file (see configs/default.yaml, which
/// comments every key). YAML keys are snake_case and match these properties, which are their
/// camelCase spellings; every key but the data paths, the languages and the output directory has
/// a default.
///
/// A file is refused before training starts, with a `ConfigurationError` naming file, line and
/// key path, for unknown keys (with a "did you mean"), values of the wrong type, values out of
/// range, missing required keys and missing corpus files. Relative paths are taken from the
/// current directory (run `nmt` from the repository root), and are stored resolved: the data
/// prefixes and the output directory of a loaded configuration are absolute.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    public var data: DataSection
    public var segmentation = SegmentationSection()
    public var model = ModelSection()
    public var training = TrainingSection()
    public var validation = ValidationSection()
    public var output: OutputSection
    public var translation = TranslationSection()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, segmentation, model, training, validation, output, translation
    }

    /// Defaults everywhere except the required settings.
    public init(data: DataSection, output: OutputSection) {
        self.data = data
        self.output = output
    }

    /// Reads, checks and resolves the configuration file at `path`; relative paths in it start
    /// from the current directory.
    public static func load(path: String) throws -> TrainingConfiguration {
        let text = try ConfigurationText.read(path)
        return try TrainingConfiguration(yaml: text, name: path,
                                         baseDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Reads and checks a configuration held in `yaml`.
    /// - Parameters:
    ///   - name: what messages call the file, usually its path.
    ///   - baseDirectory: where relative data and output paths start.
    ///   - physicalMemory: the machine's memory, which the model must fit.
    public init(yaml: String, name: String, baseDirectory: String,
                physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) throws {
        try ConfigurationText.checkShape(yaml, file: name)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.refusal(of: error, file: name)
        }
        let top = try SectionReader<CodingKeys>(root, section: nil, file: name,
                                                keysElsewhere: Self.sectionKeys)

        /// The section under `key`, read and range-checked, with its reader for locating keys.
        func read<Section: ConfigurationSection>(_ key: CodingKeys, as _: Section.Type) throws
            -> (Section, SectionReader<Section.CodingKeys>) {
            let name = key.stringValue
            if !top.contains(key) && !Section.requiredKeys.isEmpty {
                let keys = Section.requiredKeys.map(\.stringValue).joined(separator: ", ")
                throw ConfigurationError(.missingKey, file: top.file, keyPath: name,
                                         message: "missing required section (it needs \(keys))")
            }
            let reader = try SectionReader<Section.CodingKeys>(
                top.node(key), section: name, sectionLine: top.line(of: key), file: top.file,
                keysElsewhere: Self.sectionKeys.filter { $0.section != name })
            let section = try Section(reading: reader)
            try reader.refuse(section.checks)
            return (section, reader)
        }

        let (data, dataReader) = try read(.data, as: DataSection.self)
        let (output, outputReader) = try read(.output, as: OutputSection.self)
        self.init(data: data, output: output)
        segmentation = try read(.segmentation, as: SegmentationSection.self).0
        model = try read(.model, as: ModelSection.self).0
        training = try read(.training, as: TrainingSection.self).0
        validation = try read(.validation, as: ValidationSection.self).0
        translation = try read(.translation, as: TranslationSection.self).0

        if let refusal = memoryRefusal(physicalMemory: physicalMemory) {
            throw ConfigurationError(.invalidValue, file: name, line: top.line(of: .model), keyPath: "model", message: refusal)
        }
        if let (key, message) = data.missingFile(relativeTo: baseDirectory) {
            throw ConfigurationError(.missingFile, file: name, line: dataReader.line(of: key),
                                     keyPath: dataReader.path(key), message: message)
        }
        if let (key, message) = output.blockedDirectory(relativeTo: baseDirectory) {
            throw ConfigurationError(.invalidValue, file: name, line: outputReader.line(of: key),
                                     keyPath: outputReader.path(key), message: message)
        }
        self.data.resolvePaths(against: baseDirectory)
        self.output.directory = FilePaths.resolve(output.directory, against: baseDirectory)
    }

    /// Applies the range checks and the corpus-file checks of a file to a configuration built or
    /// changed in code; relative paths start from the current directory.
    /// - Parameter name: what messages call the configuration.
    /// - Parameter checkingMemory: whether training the model must fit this machine (not asked
    ///   of a checkpoint's configuration when it is loaded to translate).
    public func validate(name: String = "configuration", checkingFiles: Bool = true, checkingMemory: Bool = true) throws {
        func refuse<Section: ConfigurationSection>(_ section: Section, _ key: CodingKeys) throws {
            guard let (sectionKey, message) = section.checks.violations.first else { return }
            throw ConfigurationError(.invalidValue, file: name,
                                     keyPath: "\(key.stringValue).\(sectionKey.stringValue)", message: message)
        }
        try refuse(data, .data)
        try refuse(segmentation, .segmentation)
        try refuse(model, .model)
        try refuse(training, .training)
        try refuse(validation, .validation)
        try refuse(output, .output)
        try refuse(translation, .translation)
        if checkingMemory, let refusal = memoryRefusal(physicalMemory: ProcessInfo.processInfo.physicalMemory) {
            throw ConfigurationError(.invalidValue, file: name, keyPath: "model", message: refusal)
        }
        guard checkingFiles else { return }
        let here = FileManager.default.currentDirectoryPath
        if let (key, message) = data.missingFile(relativeTo: here) {
            throw ConfigurationError(.missingFile, file: name, keyPath: "data.\(key.stringValue)", message: message)
        }
        if let (key, message) = output.blockedDirectory(relativeTo: here) {
            throw ConfigurationError(.invalidValue, file: name, keyPath: "output.\(key.stringValue)", message: message)
        }
    }

    /// Why training this configuration cannot fit in `physicalMemory` bytes, or nil. Before the
    /// corpus is read the vocabularies are known only by their bound, `max_vocabulary`, or else
    /// by the 4 special tokens, so this is a lower bound; `memoryRefusal(vocabularies:…)` checks
    /// again with the real sizes.
    public func memoryRefusal(physicalMemory: UInt64) -> String? {
        let vocabulary = segmentation.maxVocabulary > 0 ? segmentation.maxVocabulary : 4
        return memoryRefusal(sourceVocabularySize: vocabulary, targetVocabularySize: vocabulary, physicalMemory: physicalMemory)
    }

    /// Why training this model for these vocabulary sizes cannot fit in `physicalMemory` bytes,
    /// or nil.
    public func memoryRefusal(sourceVocabularySize: Int, targetVocabularySize: Int,
                              physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> String? {
        let model = modelConfiguration(sourceVocabularySize: sourceVocabularySize, targetVocabularySize: targetVocabularySize)
        guard model.sizeProblems.isEmpty else { return nil }  // reported by the range checks
        return MemoryEstimate.training(model, batchTokens: training.batchTokenBound(maxLength: data.maxLength))
            .refusal(physicalMemory: physicalMemory)
    }

    /// The model for the vocabulary sizes found in the data.
    public func modelConfiguration(sourceVocabularySize: Int, targetVocabularySize: Int) -> ModelConfiguration {
        model.modelConfiguration(sourceVocabularySize: sourceVocabularySize,
                                 targetVocabularySize: targetVocabularySize)
    }

    /// Each section's name and keys, for pointing a misplaced key to its section.
    static var sectionKeys: [(section: String, keys: [String])] {
        [
            ("data", DataSection.keyNames),
            ("segmentation", SegmentationSection.keyNames),
            ("model", ModelSection.keyNames),
            ("training", TrainingSection.keyNames),
            ("validation", ValidationSection.keyNames),
            ("output", OutputSection.keyNames),
            ("translation", TranslationSection.keyNames),
        ]
    }

    /// A YAML syntax error as a configuration error: the problem, its line and the line's text.
    private static func refusal(of error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text) on line \(context.mark.line))" }
            return ConfigurationError(.syntax, file: file, line: mark.line,
                                      message: message + "\n" + mark.snippet(from: yaml))
        default:
            // Yams 6 refuses repeated keys itself, with a case Yams 5 lacks and a context that
            // holds the whole file: name the keys only.
            if let repeated = Mirror(reflecting: error).children.first,
               repeated.label == "duplicatedKeysInMapping",
               let (keys, context) = repeated.value as? ([String], YamlError.Context) {
                let names = keys.map { "'\($0)'" }.joined(separator: ", ")
                return ConfigurationError(.invalidValue, file: file, line: context.mark.line,
                                          message: "repeated key \(names) in one mapping")
            }
            return ConfigurationError(.syntax, file: file, message: "not valid YAML: \(error)")
        }
    }
}
