/// Why `nmt export` made no model directory. Nothing is left behind in any case: the work
/// directory beside the destination is removed, and the destination is untouched.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// The destination exists and is not an empty directory.
    case destinationInUse(path: String, what: String)
    /// The destination's parent directory does not exist.
    case noParentDirectory(path: String, parent: String)
    /// The checkpoint holds a model CTranslate2 cannot run.
    case unsupportedArchitecture(path: String, architecture: String)
    /// The checkpoint's segmentation has no exported counterpart yet.
    case unsupportedSegmentation(path: String, segmentation: String)
    /// The checkpoint holds int8 weights (`nmt quantize`); CTranslate2 quantizes from float32.
    case quantizedCheckpoint(path: String)
    /// The helper scripts (scripts/export of the repository) are nowhere to be found.
    case scriptsNotFound(searched: [String])
    /// `python3` (or NMT_PYTHON) cannot be started.
    case pythonNotFound(python: String)
    /// Python runs but cannot import a package the export needs (its message says which).
    case missingPythonPackage(message: String)
    /// The converter failed; its last lines of output.
    case converterFailed(status: Int32, output: String)

    /// Whether the user asked for something that cannot be done (a usage error) rather than the
    /// machine failing to do it.
    public var isUsageError: Bool {
        switch self {
        case .destinationInUse, .noParentDirectory, .unsupportedArchitecture, .unsupportedSegmentation, .quantizedCheckpoint: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case let .destinationInUse(path, what):
            "export: --output \(path) \(what); give a new or empty directory (nothing was written)"
        case let .noParentDirectory(path, parent):
            "export: --output \(path): the directory \(parent) does not exist"
        case let .unsupportedArchitecture(path, architecture):
            "export: \(path) holds \(architecture); CTranslate2 has no recurrent encoder-decoders, so only Transformer "
                + "checkpoints (model.architecture: transformer) can be exported to it"
        case let .unsupportedSegmentation(path, segmentation):
            "export: \(path) segments with \(segmentation), which the export cannot reproduce yet "
                + "(it exports bpe, word and char segmentation; SentencePiece is a follow-up)"
        case let .quantizedCheckpoint(path):
            "export: \(path) holds int8 weights (nmt quantize); export the float32 checkpoint it was made from, "
                + "with --quantization int8 for int8 weights in CTranslate2"
        case let .scriptsNotFound(searched):
            "export: cannot find the export helper ctranslate2_convert.py; looked in "
                + searched.joined(separator: ", ") + " (set NMT_EXPORT_SCRIPTS to the repository's scripts/export folder)"
        case let .pythonNotFound(python):
            "export: cannot run \(python): the CTranslate2 export needs Python 3 with ctranslate2 "
                + "(pip install ctranslate2), or NMT_PYTHON naming such an interpreter"
        case let .missingPythonPackage(message):
            "export: \(message)"
        case let .converterFailed(status, output):
            "export: the CTranslate2 converter failed (exit status \(status)):\n\(output)"
        }
    }
}
