import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// The trainer's Adam is built from the `training:` section.
final class TrainerOptimizerTests: XCTestCase {
    func testAdamTakesItsSettingsFromTheTrainingSection() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let text = fixture.configuration(updates: 1, validateEvery: 1,
                                         training: "  adam_beta1: 0.8\n  adam_beta2: 0.98\n  weight_decay: 0.01")
        let configuration = try TrainingConfiguration.load(path: try fixture.writeConfiguration(text))
        let trainer = try Trainer(configuration: configuration, reporter: try TrainingReporter(metricsPath: nil, interactive: false))
        XCTAssertEqual(trainer.optimizer.learningRate, 0.01)
        XCTAssertEqual(trainer.optimizer.beta1, 0.8)
        XCTAssertEqual(trainer.optimizer.beta2, 0.98)
        XCTAssertEqual(trainer.optimizer.weightDecay, 0.01)
    }
}
