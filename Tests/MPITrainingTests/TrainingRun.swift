import Foundation
import TestSupport

/// The MPI tests' corpus and configurations: 1200 training pairs of the large toy language, so
/// that the loss falls steadily over the few hundred updates the tests compare.
struct TrainingRun {
    private let fixture: TrainingFixture
    var directory: String { fixture.path }

    init() throws {
        var indices = LinearCongruentialIndices(seed: 20_261_202)
        fixture = try TrainingFixture(splits: [("train", ToyLanguage.large.pairs(1200, using: &indices)),
                                               ("valid", ToyLanguage.large.pairs(40, using: &indices))])
    }

    /// A configuration file for `updates` updates into `output` (a directory name under this
    /// run's): dropout 0, so that every process count trains the same model; a loss logged at
    /// every update.
    /// `training`: lines added to the `training:` section.
    func configuration(name: String, output: String, updates: Int, batchSize: Int = 32, accumulate: Int = 1,
                       validateEvery: Int = 100, training: String? = nil) throws -> String {
        var configuration = ToyConfiguration(updates: updates, validateEvery: validateEvery)
        configuration.training = training
        configuration.sizes = [16, 16, 32, 16, 32]
        configuration.dropout = "0"
        (configuration.batchSize, configuration.accumulate) = (batchSize, accumulate)
        configuration.learningRate = "0.005"
        (configuration.metric, configuration.output, configuration.logEvery) = ("loss", output, 1)
        return try fixture.writeConfiguration(configuration.yaml(directory: directory), name: "\(name).yaml")
    }

    func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// The training loss of each update in `output`/metrics.jsonl; where a resumed run logged an
    /// update again, its later value.
    func losses(_ output: String) throws -> [Int: Double] {
        let text = try String(contentsOfFile: "\(directory)/\(output)/metrics.jsonl", encoding: .utf8)
        var losses: [Int: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  record["kind"] as? String == "train",
                  let update = record["update"] as? Int, let loss = record["loss"] as? Double else { continue }
            losses[update] = loss
        }
        return losses
    }

    /// The all-reduce times the log recorded, in milliseconds.
    func allReduceMilliseconds(_ output: String) throws -> [Double] {
        let text = try String(contentsOfFile: "\(directory)/\(output)/metrics.jsonl", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["allreduce_ms"] as? Double
        }
    }

    func remove() { fixture.remove() }
}
