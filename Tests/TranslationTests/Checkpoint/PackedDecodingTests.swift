import Autodiff
import Foundation
@testable import Model
import Search
import TestSupport
@testable import Translation
import XCTest

/// `ModelCheckpoint.forInference` packs a float32 model's matrices for decoding (what `nmt
/// translate`, `evaluate` and `serve` load), in float32 or in bf16 (`--precision`); an int8 model
/// keeps its own forms.
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
            _ = try ModelCheckpoint.writeInt8(from: file, to: int8)
            let quantized = try ModelCheckpoint.load(from: int8).forInference()
            XCTAssertTrue(quantized.model.namedParameters.allSatisfy { $0.tensor.packed == nil })
            try FileManager.default.removeItem(atPath: int8)
            try FileManager.default.removeItem(atPath: file)
        }
    }

    private static let lines = ["a b c", "d e a b", "c", "e d c b a", "b b a d", "a c e"]

    /// Packed in bf16, every packed matrix is bf16; the logits are the float32-packed model's to
    /// bf16 rounding but not its bits (the bf16 path is really taken); greedy and beam-3
    /// translations of the toy models are float32's, the beam scores within that rounding.
    func testBFloat16PackingDecodesCloseToFloat32ButNotInItsBits() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
        let batch = ModelFixtures.batch(ModelFixtures.pairs)
        for transformer in [false, true] {
            let (file, _) = try saved(transformer: transformer)
            let float = try ModelCheckpoint.load(from: file).forInference()
            let bf16 = try ModelCheckpoint.load(from: file).forInference(precision: .bfloat16)
            let packed = bf16.model.namedParameters.compactMap(\.tensor.packed)
            XCTAssertEqual(packed.count, float.model.namedParameters.compactMap(\.tensor.packed).count)
            XCTAssertTrue(packed.allSatisfy { $0.precision == .bfloat16 }, "transformer: \(transformer)")

            let floatLogits = float.model.logits(batch, mode: .inference).logits.values
            let bf16Logits = bf16.model.logits(batch, mode: .inference).logits.values
            XCTAssertNotEqual(bf16Logits, floatLogits, "transformer: \(transformer)")
            let spread = floatLogits.map { $0 * $0 }.reduce(0, +)
            let error = zip(bf16Logits, floatLogits).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            XCTAssertLessThan((error / spread).squareRoot(), 0.02, "transformer: \(transformer)")

            for beam in [1, 3] {
                var settings = SearchSettings()
                settings.beam = beam
                let floatOutputs = Translator(model: float.model, codec: float.codec, settings: settings).translate(Self.lines)
                let bf16Outputs = Translator(model: bf16.model, codec: bf16.codec, settings: settings).translate(Self.lines)
                XCTAssertEqual(bf16Outputs.map(\.text), floatOutputs.map(\.text), "transformer: \(transformer), beam \(beam)")
                guard beam > 1 else { continue }  // greedy search reports no score
                let floatScores = floatOutputs.map { $0.hypotheses[0].score }, bf16Scores = bf16Outputs.map { $0.hypotheses[0].score }
                assertClose(bf16Scores, floatScores, accuracy: 0.05)
                XCTAssertNotEqual(bf16Scores, floatScores, "transformer: \(transformer)")
            }
            try FileManager.default.removeItem(atPath: file)
        }
    }

    /// `--precision`'s rule: float32 packs float32; bf16 packs bf16 where the kernel runs and
    /// float32 with a warning elsewhere; bf16 with an int8 checkpoint is refused, naming it.
    func testThePrecisionRule() throws {
        XCTAssertEqual(DecodingPrecision.float32.packing(kernelAvailable: true).precision, .float32)
        XCTAssertNil(DecodingPrecision.float32.packing(kernelAvailable: false).warning)
        XCTAssertEqual(DecodingPrecision.bf16.packing(kernelAvailable: true).precision, .bfloat16)
        XCTAssertNil(DecodingPrecision.bf16.packing(kernelAvailable: true).warning)
        let fallback = DecodingPrecision.bf16.packing(kernelAvailable: false)
        XCTAssertEqual(fallback.precision, .float32)
        XCTAssertEqual(fallback.warning, "warning: --precision bf16: this CPU has no AVX-512 BF16, so decoding stays float32")

        let (file, _) = try saved(transformer: false)
        let int8 = temporary.path + "/int8.ckpt"
        _ = try ModelCheckpoint.writeInt8(from: file, to: int8)
        XCTAssertThrowsError(try ModelCheckpoint.loadForDecoding(from: int8, precision: .bf16, packing: .float32)) { error in
            XCTAssertEqual("\(error)", "\(int8) is an int8 checkpoint (from nmt quantize), which decodes in int8: --precision bf16 "
                + "needs a float32 checkpoint (leave --precision at float32 for this one)")
        }
        let quantized = try ModelCheckpoint.loadForDecoding(from: int8, precision: .float32, packing: .float32)
        XCTAssertTrue(quantized.model.namedParameters.allSatisfy { $0.tensor.packed == nil })
        let float = try ModelCheckpoint.loadForDecoding(from: file, precision: .bf16, packing: .float32)
        XCTAssertTrue(float.model.namedParameters.compactMap(\.tensor.packed).allSatisfy { $0.precision == .float32 })
    }
}
