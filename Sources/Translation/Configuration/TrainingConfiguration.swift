import Foundation
import Model
import Search
import YAMLConfiguration

/// Everything `nmt train` needs, read from one YAML file. Each section's keys are one table
/// (`ConfigurationSection.keys`, in DataSection.swift and the other `…Section.swift` files) of
/// name, field, rule and documentation line, and `sections` lists the sections; configs/default.yaml
/// is the tables rendered with the demo's values. YAML keys are snake_case and match the fields,
/// which are their camelCase spellings; every key but the data paths, the languages and the
/// output directory has a default, the field's initial value.
///
/// A file is refused before training starts, with a `ConfigurationError` naming file, line and
/// key path, for unknown keys (with a "did you mean"), values of the wrong type, values out of
/// range, missing required keys and missing corpus or segmentation files. Relative paths are
/// taken from the current directory (run `nmt` from the repository root), and are stored
/// resolved: the data prefixes, the segmentation files and the output directory of a loaded
/// configuration are absolute.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    public var data: DataSection
    public var segmentation = SegmentationSection()
    public var model = ModelSettings()
    public var training = TrainingSection()
    public var validation = ValidationSection()
    public var output: OutputSection
    public var translation = SearchSettings()

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
        let (configuration, readers) = try Self.parse(yaml, name: name)
        self = configuration
        func refuse(_ reason: ConfigurationError.Reason, _ section: String, _ key: String?, _ message: String) -> ConfigurationError {
            let reader = readers[section]!
            return ConfigurationError(reason, file: name, line: key.map(reader.line(of:)) ?? reader.sectionLine,
                                      keyPath: key.map(reader.path) ?? section, message: message)
        }
        if let (section, key, message) = disagreement {
            throw refuse(.invalidValue, section, key, message)
        }
        if let refusal = memoryRefusal(physicalMemory: physicalMemory) {
            throw refuse(.invalidValue, "model", nil, refusal)
        }
        if let (key, message) = data.missingFile(relativeTo: baseDirectory) {
            throw refuse(.missingFile, "data", key, message)
        }
        if let (key, message) = segmentation.missingFile(relativeTo: baseDirectory) {
            throw refuse(.missingFile, "segmentation", key, message)
        }
        if let (key, message) = output.blockedDirectory(relativeTo: baseDirectory) {
            throw refuse(.invalidValue, "output", key, message)
        }
        self.data.resolvePaths(against: baseDirectory)
        self.segmentation.resolvePaths(against: baseDirectory)
        self.output.directory = FilePaths.resolve(output.directory, against: baseDirectory)
    }

    /// The configuration as the text gives it, every section read and range-checked in table
    /// order, paths as written; with each section's reader, for locating later complaints.
    static func parse(_ yaml: String, name: String) throws -> (TrainingConfiguration, [String: SectionReader]) {
        let top = try SectionReader(document: yaml, file: name, sectionNames: sections.map(\.name), keysElsewhere: sectionKeys)
        var configuration = template
        var readers: [String: SectionReader] = [:]
        for section in sections {
            if !top.contains(section.name) && !section.requiredKeyNames.isEmpty {
                throw ConfigurationError(.missingKey, file: name, keyPath: section.name,
                                         message: "missing required section (it needs \(section.requiredKeyNames.joined(separator: ", ")))")
            }
            let reader = try SectionReader(top.node(section.name), section: section.name, sectionLine: top.line(of: section.name),
                                           keyNames: section.keyNames, file: name,
                                           keysElsewhere: sectionKeys.filter { $0.section != section.name })
            try section.read(reader, &configuration)
            readers[section.name] = reader
        }
        return (configuration, readers)
    }

    /// Applies the range checks and the corpus-file checks of a file to a configuration built or
    /// changed in code; relative paths start from the current directory.
    /// A key whose value two sections must agree on and do not: the section, the key and why.
    var disagreement: (section: String, key: String, message: String)? {
        if model.tieEmbeddings == .all && !segmentation.shareVocabulary {
            return ("model", "tie_embeddings", "all needs one vocabulary for both languages: set segmentation.share_vocabulary: true, "
                        + "or tie only the target side (tie_embeddings: target)")
        }
        return nil
    }

    /// - Parameter name: what messages call the configuration.
    /// - Parameter checkingMemory: whether training the model must fit this machine (not asked
    ///   of a checkpoint's configuration when it is loaded to translate).
    public func validate(name: String = "configuration", checkingFiles: Bool = true, checkingMemory: Bool = true) throws {
        for section in Self.sections {
            if let (key, message) = section.violations(self).first {
                throw ConfigurationError(.invalidValue, file: name, keyPath: "\(section.name).\(key)", message: message)
            }
        }
        if let (section, key, message) = disagreement {
            throw ConfigurationError(.invalidValue, file: name, keyPath: "\(section).\(key)", message: message)
        }
        if checkingMemory, let refusal = memoryRefusal(physicalMemory: ProcessInfo.processInfo.physicalMemory) {
            throw ConfigurationError(.invalidValue, file: name, keyPath: "model", message: refusal)
        }
        guard checkingFiles else { return }
        let here = FileManager.default.currentDirectoryPath
        if let (key, message) = data.missingFile(relativeTo: here) {
            throw ConfigurationError(.missingFile, file: name, keyPath: "data.\(key)", message: message)
        }
        if let (key, message) = segmentation.missingFile(relativeTo: here) {
            throw ConfigurationError(.missingFile, file: name, keyPath: "segmentation.\(key)", message: message)
        }
        if let (key, message) = output.blockedDirectory(relativeTo: here) {
            throw ConfigurationError(.invalidValue, file: name, keyPath: "output.\(key)", message: message)
        }
    }

    /// Why training this configuration cannot fit in `physicalMemory` bytes, or nil. Before the
    /// corpus is read the vocabularies are known only by `segmentation.vocabularyBound`, so this
    /// is a lower bound; `memoryRefusal(vocabularies:…)` checks again with the real sizes.
    public func memoryRefusal(physicalMemory: UInt64) -> String? {
        let vocabulary = segmentation.vocabularyBound
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
}
