import Autodiff
import Foundation
import TestSupport
@testable import Translation
import XCTest

/// `nmt average`: the element-wise mean of a run's checkpoints, refused across different models.
final class CheckpointAveragingTests: XCTestCase {
    private var fixture: TrainingFixture!

    override func setUpWithError() throws { fixture = try TrainingFixture() }
    override func tearDown() { fixture.remove() }

    /// Trains 6 updates, keeping the checkpoints at updates 2, 4 and 6.
    private func trainKeepingThree(embedding: Int = 8, directory: String = "run") throws -> [String] {
        var text = fixture.configuration(updates: 6, validateEvery: 2) + "\n  keep_last: 3\n"
        text = text.replacingOccurrences(of: "embedding_size: 8", with: "embedding_size: \(embedding)")
            .replacingOccurrences(of: "/run\n", with: "/\(directory)\n")
        let config = try fixture.writeConfiguration(text, name: "\(directory).yaml")
        let run = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(run.status, 0, run.error)
        return [2, 4, 6].map { fixture.directory.appendingPathComponent("\(directory)/update-\($0).ckpt").path }
    }

    func testAverageIsTheElementwiseMean() throws {
        let inputs = try trainKeepingThree()
        let output = fixture.directory.appendingPathComponent("average.ckpt").path
        let result = try BuiltExecutable.nmt.run(["average", "--output", output] + inputs)
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("averaged 3 checkpoints"), result.output)

        let loaded = try inputs.map { try ModelCheckpoint.load(from: $0).model.namedParameters }
        let average = try ModelCheckpoint.load(from: output)
        XCTAssertNil(average.state)
        var compared = 0, largest: Float = 0
        for (index, (name, tensor)) in average.model.namedParameters.enumerated() {
            for element in 0..<tensor.count {
                let values = loaded.map { $0[index].tensor.data[element] }
                let mean = values.reduce(0, +) / 3
                largest = max(largest, abs(tensor.data[element] - mean))
                compared += 1
            }
            XCTAssertEqual(name, loaded[0][index].name)
        }
        XCTAssertGreaterThan(compared, 1000)
        XCTAssertLessThan(largest, 1e-6, "largest difference from the mean")
        // The checkpoints differ, so the mean is not just one of them.
        let first = loaded[0][0].tensor, last = loaded[2][0].tensor
        XCTAssertNotEqual(first.values, last.values)

        let translated = try BuiltExecutable.nmt.run(["translate", "--checkpoint", output], input: "the cat sees a dog .\n")
        XCTAssertEqual(translated.status, 0, translated.error)
    }

    func testCheckpointsOfDifferentModelsAreRefused() throws {
        let small = try trainKeepingThree()
        let wide = try trainKeepingThree(embedding: 12, directory: "wide")
        let output = fixture.directory.appendingPathComponent("average.ckpt").path
        let result = try BuiltExecutable.nmt.run(["average", "--output", output, small[0], wide[0]])
        XCTAssertEqual(result.status, 1, result.error)
        XCTAssertTrue(result.error.contains(wide[0]), "names the file: \(result.error)")
        XCTAssertTrue(result.error.contains("model shapes differ"), result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "nothing written")
    }

    func testAveragedCheckpointCannotBeResumed() throws {
        let inputs = try trainKeepingThree()
        let output = fixture.directory.appendingPathComponent("average.ckpt").path
        XCTAssertEqual(try BuiltExecutable.nmt.run(["average", "--output", output] + inputs).status, 0)
        let config = fixture.directory.appendingPathComponent("run.yaml").path
        let resumed = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", output])
        XCTAssertNotEqual(resumed.status, 0)
        XCTAssertTrue(resumed.error.contains("holds no training state"), resumed.error)
    }

    func testNoCheckpointsIsAUsageError() throws {
        let result = try BuiltExecutable.nmt.run(["average", "--output", fixture.directory.appendingPathComponent("a.ckpt").path])
        XCTAssertEqual(result.status, 2, result.error)
    }
}
