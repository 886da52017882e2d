import Autodiff
import Foundation
@testable import Model
import TestSupport
@testable import Translation
import XCTest

/// `ModelCheckpoint.forInference` packs a float32 model's matrices for decoding (what `nmt
/// translate`, `evaluate` and `serve` load); an int8 model keeps its own forms.
final class PackedDecodingTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    override func setUpWithError() throws { temporary = try TemporaryDirectory() }
    override func tearDownWithError() throws { temporary = nil }

    private func saved(transformer: Bool) throws -> (path: String, model: Seq2Seq) {
        let configuration = Int8CheckpointTests.configuration(transformer: transformer)
        let model = Seq2Seq(configuration.modelConfiguration(sourceVocabularySize: 9, targetVocabularySize: 8), seed: 41)
        ModelFixtures.randomize(model, seed: 42, limit: 0.8)
        let file = temporary.path + "/model.ckpt"
        try ModelCheckpoint.save(to: file, model: model, optimizer: nil, codec: try Int8CheckpointTests.codec(),
                                 configuration: configuration, state: nil)
        return (file, model)
    }

    /// Every matrix decoding multiplies by gets a packed form in its output orientation (the
    /// tied target embedding by rows); a table that is only looked up (the source embedding, an
    /// untied target embedding) and the vectors do not; the packed model's logits are the float
    /// model's to rounding (the same products, summed in another order). An int8 checkpoint is
    /// left as it is.
    func testInferenceCheckpointsDecodeWithPackedWeights() throws {
        let batch = ModelFixtures.batch(ModelFixtures.pairs)
        for transformer in [false, true] {
            let (file, model) = try saved(transformer: transformer)
            let plain = model.logits(batch, mode: .inference).logits.values
            let loaded = try ModelCheckpoint.load(from: file).forInference()
            for (name, tensor) in loaded.model.namedParameters {
                let outputTable = transformer && name == "decoder.embedding.weight"  // tie_embeddings: target
                guard tensor.shape.count == 2, !name.hasSuffix("embedding.weight") || outputTable else {
                    XCTAssertNil(tensor.packed, name)
                    continue
                }
                XCTAssertEqual(tensor.packed?.units, outputTable ? .rows : .columns, name)
            }
            let packed = loaded.model.logits(batch, mode: .inference).logits.values
            assertClose(packed, plain, accuracy: 1e-4)
            XCTAssertEqual(ModelCheckpoint.packForDecoding(loaded.model), 0, "packed once")

            let int8 = temporary.path + "/int8.ckpt"
            try ModelCheckpoint.writeInt8(from: file, to: int8)
            let quantized = try ModelCheckpoint.load(from: int8).forInference()
            XCTAssertTrue(quantized.model.namedParameters.allSatisfy { $0.tensor.packed == nil })
            try FileManager.default.removeItem(atPath: int8)
            try FileManager.default.removeItem(atPath: file)
        }
    }
}
