import ArgumentParser
import Files
import Foundation
import MPITraining
import Reporting
import Text
import Training
import Translation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model from a YAML configuration (see configs/default.yaml).",
        discussion: "Under mpirun (mpirun -np N nmt train --config F) the N processes train one model together, each on its share of every batch; rank 0 logs and writes the checkpoints.")

    @Option(help: "The YAML configuration file.")
    var config: String

    @Option(help: "Continue from this checkpoint (written by a run of the same configuration).")
    var resume: String?

    @Option(help: "Start from this checkpoint's weights, vocabularies and merges, with a new optimizer, schedule and update count (fine-tuning on the configuration's data; its model section must match the checkpoint's).")
    var finetune: String?

    @Flag(help: "Replace the run already in the output directory (its checkpoints and metrics) instead of refusing to start.")
    var overwrite = false

    func validate() throws {
        if resume != nil && finetune != nil {
            throw ValidationError("--resume and --finetune exclude each other: --resume continues a run, --finetune starts a new one from a model")
        }
    }

    func run() throws {
        let configuration = try TrainingConfiguration.load(path: config)
        // MPI's group under mpirun, else this process alone. A rank that fails exits without
        // leaving the group, and mpirun then ends the others.
        let group = try TrainingGroups.forThisProcess()
        let reporter = try TrainingReporter(metricsPath: nil)
        let trainer = try Trainer(configuration: configuration, resume: resume, finetune: finetune, overwrite: overwrite, reporter: reporter, group: group)
        let summary = try trainer.run()
        group.finish()
        guard group.isLeader else {
            if summary.outcome == .interrupted { throw ExitCode(130) }
            return
        }
        let metrics = try String(contentsOfFile: trainer.directory.metricsPath, encoding: .utf8)
        try TrainingChart.fromMetrics(jsonLines: metrics).write(to: "\(trainer.directory.path)/curves.svg")
        let output = LineWriter.standardOutput()
        if FileManager.default.fileExists(atPath: summary.bestCheckpoint) { try output.write("best checkpoint: \(summary.bestCheckpoint)") }
        try output.write("latest checkpoint: \(summary.latestCheckpoint)")
        try output.flush()
        if summary.outcome == .interrupted { throw ExitCode(130) }
    }
}
