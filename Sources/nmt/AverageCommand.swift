import ArgumentParser
import Files
import Foundation
import Translation

/// `nmt average --output OUT CHECKPOINT...`
struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Average the weights of checkpoints of one training run into a new checkpoint.",
        discussion: """
            Typically the last few checkpoints of a run (output.keep_last writes them as \
            update-N.ckpt). The checkpoints must share the model shape, segmentation and \
            vocabularies. The result translates and evaluates like any checkpoint but holds no \
            optimizer state, so training cannot resume from it.
            """
    )

    @Option(help: "Where to write the averaged checkpoint.")
    var output: String

    @Argument(help: "The checkpoints to average.")
    var checkpoints: [String] = []

    func validate() throws {
        guard !checkpoints.isEmpty else { throw ValidationError("give at least one checkpoint to average") }
        guard !checkpoints.contains(output) else { throw ValidationError("--output \(output) is also an input; write elsewhere") }
    }

    func run() throws {
        let parameters = try CheckpointAveraging.average(checkpoints, to: output)
        let standardOutput = LineWriter.standardOutput()
        try standardOutput.write("averaged \(checkpoints.count) checkpoints (\(parameters) parameters) into \(output)")
        try standardOutput.flush()
    }
}
