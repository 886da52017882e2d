import Autodiff
import Checkpoint
import Files
import Foundation
import Model
import Search
import Text

/// `nmt export --format ctranslate2`: a Transformer checkpoint → a directory CTranslate2 loads,
/// with what a user needs to translate as `nmt translate` does:
///
///     model.bin, config.json,                CTranslate2's model (from its own converter)
///     source_vocabulary.json, target_vocabulary.json
///     bpe.codes                              the source merges, subword-nmt's format (segmentation bpe)
///     nmt-export.json                        text settings, search settings, provenance
///     translate.py, README.md                the pipeline, runnable, and how to use it
///
/// The layout is mapped here (`CTranslate2Layout`); Python only fills CTranslate2's spec with
/// the mapped tensors and saves it (scripts/export/ctranslate2_convert.py). Everything is built
/// in a work directory beside the destination and renamed into place at the end, so the
/// destination is either untouched or complete.
public enum CTranslate2Export {
    public enum Quantization: String, CaseIterable, Sendable {
        case float32, int8
    }

    /// The helper scripts, in scripts/export of the repository.
    public static let converterScript = "ctranslate2_convert.py"
    public static let translateScript = "ctranslate2_translate.py"
    /// The files written beside CTranslate2's own.
    public static let manifestName = "nmt-export.json"
    public static let mergesName = "bpe.codes"
    /// The segmentation kinds an export reproduces (translate.py, the README).
    static let exportedSegmentations: Set<String> = ["bpe", "word", "char"]

    /// What was exported.
    public struct Summary: Sendable {
        public var directory: String
        public var quantization: Quantization
        /// Rows of the position table: the longest input or output the model can run.
        public var positions: Int
        /// The checkpoint had a shortlist, which CTranslate2 does not use (it scores the whole vocabulary).
        public var droppedShortlist: Bool
        public var files: [String]
        /// The converter that built the model: "ctranslate2 4.8.5".
        public var converter: String
    }

    /// Exports `checkpointPath` to the new or empty directory `directory`. `scripts` is the
    /// folder holding the helper scripts (`scriptsDirectory`); `python` the interpreter to run.
    public static func export(checkpoint checkpointPath: String, to directory: String, quantization: Quantization,
                              scripts: String, python: String = "python3") throws -> Summary {
        try checkDestination(directory)
        let checkpoint = try ModelCheckpoint.load(from: checkpointPath)
        guard case .transformer(let transformer) = checkpoint.model.architecture else {
            throw ExportError.unsupportedArchitecture(path: checkpointPath, architecture: "an LSTM encoder-decoder (model.architecture: rnn)")
        }
        guard checkpoint.precision == .float32 else { throw ExportError.quantizedCheckpoint(path: checkpointPath) }
        // By name: the segmentations translate.py reproduces (a SentencePiece model would have
        // to be copied and applied; a follow-up).
        guard exportedSegmentations.contains(checkpoint.codec.settings.segmentation.rawValue) else {
            throw ExportError.unsupportedSegmentation(path: checkpointPath, segmentation: checkpoint.codec.settings.segmentation.rawValue)
        }
        let converter = scripts + "/" + converterScript
        let version = try run(python, [converter, "--check"])

        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let work = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).export-\(getpid())").path
        try? FileManager.default.removeItem(atPath: work)  // one a killed export of this pid left
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: work) }

        let search = checkpoint.configuration.translation
        let positions = positionsNeeded(search)
        let options = CTranslate2Layout.options(of: transformer, sourceVocabulary: checkpoint.codec.sourceVocabulary.tokens,
                                                targetVocabulary: checkpoint.codec.targetVocabulary.tokens)
        let weights = work + "/weights.safetensors"
        try CheckpointFile.write(CTranslate2Layout.variables(of: transformer, positions: positions),
                                 metadata: ["ctranslate2_options": try json(options)], to: weights)
        let model = work + "/model"
        _ = try run(python, [converter, "--weights", weights, "--output", model, "--quantization", quantization.rawValue])

        let codec = checkpoint.codec
        var files = ["model.bin", "config.json", "source_vocabulary.json", "target_vocabulary.json"]
        if let merges = codec.sourceMerges, codec.settings.segmentation == .bpe {
            try merges.write(to: model + "/" + mergesName)
            files.append(mergesName)
        }
        let manifest = ExportManifest(checkpoint: checkpointPath, checkpointSHA256: try CheckpointFile.fileSHA256(checkpointPath),
                                      quantization: quantization, codec: codec.settings,
                                      bpeCodes: files.contains(mergesName) ? mergesName : nil, search: search,
                                      positions: positions, droppedShortlist: checkpoint.shortlist != nil)
        try FileReplacement.write(try json(manifest) + "\n", to: model + "/" + manifestName)
        try FileReplacement.copy(scripts + "/" + translateScript, to: model + "/translate.py")
        try FileReplacement.write(ExportReadme.text(manifest), to: model + "/README.md")
        files += [manifestName, "translate.py", "README.md"]

        // rename(2) puts the finished directory in place: over an empty directory too.
        guard rename(model, directory) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ExportError.destinationInUse(path: directory, what: "could not be replaced (\(reason))")
        }
        return Summary(directory: directory, quantization: quantization, positions: positions,
                       droppedShortlist: checkpoint.shortlist != nil, files: files, converter: version)
    }

    /// The longest sequence the search may run, input or output, plus one: the rows of the
    /// position table CTranslate2 gets (it refuses a position beyond its table).
    static func positionsNeeded(_ search: SearchSettings) -> Int {
        max(search.maxInputLength + 1, search.maxOutputLength(sourceLength: search.maxInputLength) + 1)
    }

    /// Refuses a destination that exists and is not an empty directory, or whose parent is missing.
    static func checkDestination(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ExportError.destinationInUse(path: directory, what: "is a file") }
            let entries = try FileManager.default.contentsOfDirectory(atPath: directory)
            guard entries.isEmpty else {
                throw ExportError.destinationInUse(path: directory, what: "is a directory holding \(entries.count) entr\(entries.count == 1 ? "y" : "ies")")
            }
        } else {
            let parent = URL(fileURLWithPath: directory).standardizedFileURL.deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ExportError.noParentDirectory(path: directory, parent: parent)
            }
        }
    }

    /// The folder of the helper scripts: $NMT_EXPORT_SCRIPTS, else scripts/export in the
    /// repository the executable was built in (the nearest ancestor folder that has it).
    public static func scriptsDirectory(executablePath: String?, environment: [String: String]) throws -> String {
        var searched: [String] = []
        if let given = environment["NMT_EXPORT_SCRIPTS"], !given.isEmpty {
            if FileManager.default.fileExists(atPath: given + "/" + converterScript) { return given }
            throw ExportError.scriptsNotFound(searched: ["NMT_EXPORT_SCRIPTS=\(given)"])
        }
        if let executablePath {
            var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            while folder.path != "/" {
                let candidate = folder.appendingPathComponent("scripts/export").path
                if FileManager.default.fileExists(atPath: candidate + "/" + converterScript) { return candidate }
                folder.deleteLastPathComponent()
            }
            searched.append("scripts/export in every folder above \(executablePath)")
        }
        throw ExportError.scriptsNotFound(searched: searched)
    }

    /// Runs `python arguments…` to its end; its standard output. Exit status 3 is the helper's
    /// "cannot import" (its message says which package); 127 is `env`'s "not found".
    private static func run(_ python: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw ExportError.pythonNotFound(python: python) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch process.terminationStatus {
        case 0: return text
        case 127: throw ExportError.pythonNotFound(python: python)
        case 3: throw ExportError.missingPythonPackage(message: text)
        case let status: throw ExportError.converterFailed(status: status, output: text.split(separator: "\n").suffix(15).joined(separator: "\n"))
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
