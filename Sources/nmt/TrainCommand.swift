import ArgumentParser
import Foundation
import Translation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model from a YAML configuration (see configs/default.yaml).")

    @Option(help: "The YAML configuration file.")
    var config: String

    @Option(help: "Continue from this checkpoint (written by a run of the same configuration).")
    var resume: String?

    func run() throws {
        let configuration = try TrainingConfiguration.load(path: config)
        let directory = configuration.output.directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reporter = try TrainingReporter(metricsPath: "\(directory)/metrics.jsonl")
        let trainer = try Trainer(configuration: configuration, resume: resume, reporter: reporter)
        let summary = try trainer.run()
        let metrics = try String(contentsOfFile: "\(directory)/metrics.jsonl", encoding: .utf8)
        try TrainingChart.fromMetrics(jsonLines: metrics).write(to: "\(directory)/curves.svg")
        if FileManager.default.fileExists(atPath: summary.bestCheckpoint) { print("best checkpoint: \(summary.bestCheckpoint)") }
        print("latest checkpoint: \(summary.latestCheckpoint)")
        if summary.outcome == .interrupted { throw ExitCode(130) }
    }
}
