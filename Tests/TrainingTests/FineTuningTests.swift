import Foundation
import Model
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// `--finetune`: a checkpoint's weights and codec, a fresh optimizer and state, new data, and
/// a model section that must match the checkpoint's.
final class FineTuningTests: XCTestCase {
    private typealias Corpora = PreparedDataTests.Corpora

    /// A checkpoint of an untrained model over a small corpus, and the corpora directory.
    private func checkpoint() throws -> (Corpora, String, ModelCheckpoint) {
        let corpora = try Corpora()
        try corpora.writePairs(PreparedDataTests.sentences(200, seed: 1), prefix: "train")
        try corpora.writePairs(PreparedDataTests.sentences(100, seed: 9), prefix: "other")
        try corpora.writePairs(PreparedDataTests.sentences(5, seed: 2), prefix: "valid")
        let configuration = try corpora.configuration(train: "\(corpora.path)/train", output: "first")
        let data = try TrainingData(configuration)
        let model = Seq2Seq(configuration.modelConfiguration(sourceVocabularySize: data.codec.sourceVocabulary.count,
                                                             targetVocabularySize: data.codec.targetVocabulary.count), seed: 3)
        let path = "\(corpora.path)/trained.ckpt"
        try ModelCheckpoint.save(to: path, model: model, optimizer: nil, codec: data.codec, configuration: configuration, state: nil)
        return (corpora, path, try ModelCheckpoint.load(from: path))
    }

    func testFineTuningStartsFromTheWeightsAndCodecWithAFreshOptimizerOnNewData() throws {
        let (corpora, path, saved) = try checkpoint()
        defer { corpora.remove() }
        // New data, another output directory; the segmentation section may say anything: the codec is the checkpoint's.
        let configuration = try corpora.configuration(train: "\(corpora.path)/other", segmentation: "  kind: char\n", output: "tuned")
        let trainer = try Trainer(configuration: configuration, finetune: path, reporter: TrainingReporter(metricsPath: nil))
        XCTAssertEqual(trainer.state.update, 0)
        XCTAssertNil(trainer.state.bestScore)
        XCTAssertEqual(trainer.optimizer.step, 0)
        XCTAssertEqual(trainer.data.codec.sourceVocabulary, saved.codec.sourceVocabulary)
        XCTAssertEqual(trainer.data.codec.settings, saved.codec.settings)
        XCTAssertEqual(trainer.data.train.count, 100)
        for (a, b) in zip(trainer.model.namedParameters, saved.model.namedParameters) {
            XCTAssertEqual(a.tensor.values, b.tensor.values, a.name)
        }
        XCTAssertTrue(trainer.optimizer.firstMoments.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    }

    func testAnotherModelSectionIsRefusedNamingEachDifferingKey() throws {
        let (corpora, path, _) = try checkpoint()
        defer { corpora.remove() }
        var configuration = try corpora.configuration(train: "\(corpora.path)/other", output: "tuned")
        configuration.model.embeddingSize = 16
        configuration.model.attentionSize = 12
        configuration.model.dropout = 0.1  // shapes no weight: allowed
        XCTAssertThrowsError(try Trainer(configuration: configuration, finetune: path, reporter: TrainingReporter(metricsPath: nil))) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("differs from the checkpoint's in 2 keys"), message)
            XCTAssertTrue(message.contains("model.embedding_size: checkpoint 8, configuration 16"), message)
            XCTAssertTrue(message.contains("model.attention_size: checkpoint 8, configuration 12"), message)
            XCTAssertFalse(message.contains("dropout"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(corpora.path)/tuned"), "nothing left behind")
    }

    func testFineTuneAndResumeTogetherAreRefused() throws {
        let (corpora, path, _) = try checkpoint()
        defer { corpora.remove() }
        let configuration = try corpora.configuration(train: "\(corpora.path)/other", output: "tuned")
        XCTAssertThrowsError(try Trainer(configuration: configuration, resume: path, finetune: path, reporter: TrainingReporter(metricsPath: nil))) {
            XCTAssertTrue("\($0)".contains("--resume and --finetune exclude each other"), "\($0)")
        }
    }
}
