import ArgumentParser
import Files
import Foundation
import Translation

/// `nmt quantize --checkpoint C --output C8`: an int8 copy of a checkpoint for decoding.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Write an int8 copy of a checkpoint, for faster decoding (translate, evaluate, serve).",
        discussion: """
            Every matrix of the model (LSTM and attention weights, projections, the output \
            layer, the embedding tables) is stored as int8 with one scale per output unit; \
            vectors stay float32. translate, evaluate and serve load the copy like any \
            checkpoint and multiply in int8 (each input row quantized as it comes, sums in \
            int32). The copy holds no optimizer state: training cannot resume from it.
            """
    )

    @Option(help: "The float32 checkpoint to quantize.")
    var checkpoint: String

    @Option(help: "Where to write the int8 checkpoint (must not exist).")
    var output: String

    func validate() throws {
        guard output != checkpoint else { throw ValidationError("--output \(output) is the input checkpoint; write elsewhere") }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw UsageFailure(message: "\(output) exists; choose another --output (nothing is overwritten)")
        }
        let summary = try ModelCheckpoint.writeInt8(from: checkpoint, to: output)
        let standardOutput = LineWriter.standardOutput()
        try standardOutput.write("\(summary.matrices) matrices (\(summary.int8Parameters) of \(summary.parameters) parameters) "
            + "in int8 with one scale per output unit; written to \(output)")
        try standardOutput.flush()
    }
}
