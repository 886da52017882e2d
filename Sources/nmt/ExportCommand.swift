import ArgumentParser
import Files
import Foundation
import Translation

/// `nmt export --checkpoint C --format ctranslate2 --output DIR [--quantization int8|float32]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a Transformer checkpoint for another inference engine (CTranslate2).",
        discussion: """
            Writes DIR (new, or an empty directory) holding a CTranslate2 model built with \
            CTranslate2's own Python converter (python3 with `pip install ctranslate2`; \
            NMT_PYTHON names another interpreter), the source and target vocabularies, the \
            source BPE merges, nmt-export.json (the text and search settings), translate.py \
            (translates as `nmt translate` does) and a README showing how to translate from \
            Python. LSTM checkpoints cannot be exported: CTranslate2 has no recurrent models. \
            The helper scripts are found in the repository's scripts/export folder above the \
            executable, or in NMT_EXPORT_SCRIPTS. See docs/deployment.md.
            """
    )

    @Option(help: "The Transformer checkpoint to export.")
    var checkpoint: String

    @Option(help: "The target format: ctranslate2 (the only one).")
    var format: String

    @Option(help: "The directory to create (it must not exist, or be empty).")
    var output: String

    @Option(help: "Weights in the model: float32 or int8 (CTranslate2 can also quantize a float32 model when loading it).")
    var quantization: String = CTranslate2Export.Quantization.float32.rawValue

    func validate() throws {
        guard format == "ctranslate2" else { throw ValidationError("--format takes ctranslate2, not \(format)") }
        guard CTranslate2Export.Quantization(rawValue: quantization) != nil else {
            throw ValidationError("--quantization takes float32 or int8, not \(quantization)")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let summary: CTranslate2Export.Summary
        do {
            let scripts = try CTranslate2Export.scriptsDirectory(executablePath: Bundle.main.executablePath, environment: environment)
            summary = try CTranslate2Export.export(checkpoint: checkpoint, to: output,
                                                   quantization: CTranslate2Export.Quantization(rawValue: quantization)!,
                                                   scripts: scripts, python: environment["NMT_PYTHON"] ?? "python3")
        } catch let error as ExportError where error.isUsageError {
            throw UsageFailure(message: "\(error)")
        }
        let standardOutput = LineWriter.standardOutput()
        try standardOutput.write("exported \(checkpoint) to \(summary.directory) (\(summary.converter)); "
            + "inputs and outputs up to \(summary.positions - 1) units")
        try standardOutput.write("files: " + summary.files.joined(separator: ", "))
        if summary.droppedShortlist {
            try standardOutput.write("note: the checkpoint's shortlist is not exported; CTranslate2 scores the whole vocabulary")
        }
        try standardOutput.write("translate: python3 \(summary.directory)/translate.py < input.txt (see \(summary.directory)/README.md)")
        try standardOutput.flush()
    }
}
