import Files
import Text
import YAMLConfiguration

/// The files a `segmentation:` section may name (`merges_file`, `vocabulary_files`,
/// `model_file`): resolved like the data paths, checked to exist before training starts, and
/// read with every problem reported at the key that named the file.
extension TrainingConfiguration.SegmentationSection {
    /// Each given file with its key, in table order.
    var files: [(key: String, path: String)] {
        (mergesFile.map { [("merges_file", $0)] } ?? [])
            + (vocabularyFiles ?? []).map { ("vocabulary_files", $0) }
            + (modelFile.map { [("model_file", $0)] } ?? [])
    }

    /// The paths made absolute: relative ones are taken from `baseDirectory`.
    mutating func resolvePaths(against baseDirectory: String) {
        mergesFile = mergesFile.map { FilePaths.resolve($0, against: baseDirectory) }
        vocabularyFiles = vocabularyFiles?.map { FilePaths.resolve($0, against: baseDirectory) }
        modelFile = modelFile.map { FilePaths.resolve($0, against: baseDirectory) }
    }

    /// The first named file that does not exist, with its key.
    func missingFile(relativeTo baseDirectory: String) -> (key: String, message: String)? {
        for (key, path) in files {
            let resolved = FilePaths.resolve(path, against: baseDirectory)
            guard !FilePaths.isFile(resolved) else { continue }
            var message = "no such file: \(resolved)"
            if !FilePaths.isAbsolute(path) { message += " (relative paths start from \(baseDirectory))" }
            return (key, message)
        }
        return nil
    }

    /// The merges of `merges_file`, if given.
    public func givenMerges() throws -> BPEMerges? {
        guard let mergesFile else { return nil }
        return try Self.reading(mergesFile, key: "merges_file") { try BPEMerges(contentsOf: $0) }
    }

    /// The vocabularies of `vocabulary_files`, if given: the one file on both sides when shared.
    public func givenVocabularies() throws -> (source: Vocabulary, target: Vocabulary)? {
        guard let files = vocabularyFiles, let first = files.first else { return nil }
        let source = try Self.reading(first, key: "vocabulary_files") { try Vocabulary(importing: $0) }
        guard files.count > 1 else { return (source, source) }
        return (source, try Self.reading(files[1], key: "vocabulary_files") { try Vocabulary(importing: $0) })
    }

    /// The model of `model_file`, if given.
    public func givenSentencePieceModel() throws -> SentencePieceModel? {
        guard let modelFile else { return nil }
        return try Self.reading(modelFile, key: "model_file") { try SentencePieceModel(contentsOf: $0) }
    }

    /// `read(path)`, its failures as configuration errors located in the file and at `key`:
    /// `codes.txt:3: segmentation.merges_file: not a BPE merges file: …`.
    private static func reading<T>(_ path: String, key: String, _ read: (String) throws -> T) throws -> T {
        let keyPath = "segmentation.\(key)"
        do {
            return try read(path)
        } catch TextError.invalidMerges(let file, let line, let reason) {
            throw ConfigurationError(.invalidValue, file: file, line: line, keyPath: keyPath, message: "not a BPE merges file: \(reason)")
        } catch TextError.invalidVocabulary(let file, let line, let reason) {
            throw ConfigurationError(.invalidValue, file: file, line: line, keyPath: keyPath, message: "not a vocabulary file: \(reason)")
        } catch TextError.invalidSentencePieceModel(let file, let reason) {
            throw ConfigurationError(.invalidValue, file: file, keyPath: keyPath, message: "not a SentencePiece model: \(reason)")
        } catch {
            throw ConfigurationError(.unreadableFile, file: path, keyPath: keyPath, message: "\(error)")
        }
    }
}
