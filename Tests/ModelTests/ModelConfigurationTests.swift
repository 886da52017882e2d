import Autodiff
import Layers
@testable import Model
import TestSupport
import XCTest

final class ModelConfigurationTests: XCTestCase {
    /// Every layout the model can take: each score, one and two layers, one and two directions,
    /// tied and untied output.
    private static func variants() -> [ModelConfiguration] {
        var result: [ModelConfiguration] = []
        for score in AttentionScore.allCases {
            var config = ModelFixtures.tinyConfig(score)
            result.append(config)
            config.encoderLayers = 2
            result.append(config)
            if score == .additive || score == .general {
                config.bidirectional = false
                result.append(config)
            }
        }
        var tied = ModelFixtures.tinyConfig(.additive)
        tied.tieEmbeddings = .target
        result.append(tied)
        return result
    }

    func testParameterShapesAreWhatTheModelBuilds() {
        for config in Self.variants() {
            let built = Seq2Seq(config, seed: 1).namedParameters
            let computed = config.parameterShapes
            XCTAssertEqual(computed.map(\.name), built.map(\.name), "\(config)")
            XCTAssertEqual(computed.map(\.shape), built.map(\.tensor.shape), "\(config)")
            XCTAssertEqual(config.parameterCount, Seq2Seq(config, seed: 1).parameterCount, "\(config)")
        }
    }

    /// The reference configuration with Multi30k's word vocabularies: 12.9M parameters (README).
    /// By hand: embeddings 5921·256 + 7859·256; encoder 2 × (256·1024 + 256·1024 + 1024); bridge
    /// 2 × (512·512 + 512); attention 512·512 + 512·512 + 512; decoder LSTM (256 + 512 + 512)·2048
    /// + 2048; pre-output 1280·512 + 512; output 512·7859 + 7859.
    func testParameterCountOfTheReferenceConfiguration() {
        let config = ModelConfiguration(sourceVocabularySize: 5921, targetVocabularySize: 7859)
        XCTAssertEqual(config.parameterCount, 12_939_443)
    }

    func testSizeProblemsNameEachSizeOutOfRange() {
        var config = ModelFixtures.tinyConfig(.additive)
        XCTAssertEqual(config.sizeProblems, [])
        config.embeddingSize = -1
        config.encoderLayers = 2_147_483_648
        config.attentionSize = 8193
        XCTAssertEqual(config.sizeProblems, [
            "embeddingSize must be a positive integer, found -1",
            "encoderLayers must be at most 16, found 2147483648",
            "attentionSize must be at most 8192, found 8193",
        ])
    }

    func testMemoryEstimateRefusesAModelLargerThanTheMachine() throws {
        var config = ModelConfiguration(sourceVocabularySize: 5921, targetVocabularySize: 7859)
        // 16 bytes × 12,939,443 parameters + 4 × 3200 tokens × (6·256·2 + 6·512 + 512 + 2·512 + 7859)
        let estimate = MemoryEstimate.training(config, batchTokens: 3200)
        XCTAssertEqual(estimate.bytes, 16 * 12_939_443 + 4 * 3200 * (3072 + 3072 + 512 + 1024 + 7859))
        XCTAssertNil(estimate.refusal(physicalMemory: 24_000_000_000))
        config.encoderHiddenSize = 8192
        config.encoderLayers = 16
        let huge = MemoryEstimate.training(config, batchTokens: 3200)
        let refusal = try XCTUnwrap(huge.refusal(physicalMemory: 24_000_000_000))
        XCTAssertTrue(refusal.hasPrefix("this model needs at least "), refusal)
        XCTAssertTrue(refusal.hasSuffix("; the machine has 24.0 GB"), refusal)
        XCTAssertTrue(refusal.contains(MemoryEstimate.gigabytes(UInt64(huge.bytes))), refusal)
    }
}
