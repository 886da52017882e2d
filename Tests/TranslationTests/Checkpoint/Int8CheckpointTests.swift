import Autodiff
import Checkpoint
import Foundation
import Layers
@testable import Model
import TestSupport
import Text
@testable import Translation
import XCTest

/// Int8 checkpoints: what `ModelCheckpoint.writeInt8` (`nmt quantize`) writes, how it loads, what
/// decodes with it, and what is refused.
final class Int8CheckpointTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private func path(_ name: String) -> String { temporary.path + "/" + name }

    override func setUpWithError() throws { temporary = try TemporaryDirectory() }
    override func tearDownWithError() throws { temporary = nil }

    static func codec() throws -> TextCodec {
        try TextCodec(
            settings: .init(sourceLanguage: "en", targetLanguage: "de", lowercase: true, tokenized: true, segmentation: .word),
            sourceMerges: nil, targetMerges: nil,
            sourceVocabulary: try Vocabulary(words: ["a", "b", "c", "d", "e"]),
            targetVocabulary: try Vocabulary(words: ["w", "x", "y", "z"]))
    }

    /// The recurrent model (additive attention, untied) or a small Transformer (tied target
    /// embeddings, so its output layer multiplies by the embedding's rows); also what
    /// PackedDecodingTests load.
    static func configuration(transformer: Bool) -> TrainingConfiguration {
        var configuration = TrainingConfiguration(
            data: .init(train: "data/train", valid: "data/valid", sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: "/tmp/nmt-unused"))
        if transformer {
            configuration.model.architecture = .transformer
            configuration.model.attention = .scaledDot
            configuration.model.embeddingSize = 8
            configuration.model.transformerLayers = 2
            configuration.model.transformerHeads = 2
            configuration.model.feedForwardSize = 12
            configuration.model.tieEmbeddings = .target
        } else {
            configuration.model.embeddingSize = 6
            configuration.model.encoderHiddenSize = 5
            configuration.model.decoderHiddenSize = 7
            configuration.model.attentionSize = 9
            configuration.model.preOutputSize = 6
        }
        configuration.model.dropout = 0
        return configuration
    }

    /// A float32 training checkpoint (Adam's moments, a training state) of random weights.
    private func floatCheckpoint(transformer: Bool, name: String = "float.ckpt") throws -> (path: String, model: Seq2Seq) {
        let configuration = Self.configuration(transformer: transformer)
        let model = Seq2Seq(configuration.modelConfiguration(sourceVocabularySize: 9, targetVocabularySize: 8), seed: 31)
        ModelFixtures.randomize(model, seed: 32, limit: 0.8)
        let file = path(name)
        try ModelCheckpoint.save(to: file, model: model, optimizer: Adam(parameters: model.namedParameters),
                                 codec: try Self.codec(), configuration: configuration,
                                 state: TrainingState(seed: 3, schedule: LearningRateSchedule(configuration.training)))
        return (file, model)
    }

    private func int8Checkpoint(transformer: Bool) throws -> (float: Seq2Seq, int8: String) {
        let (file, model) = try floatCheckpoint(transformer: transformer)
        let output = path("int8.ckpt")
        let summary = try ModelCheckpoint.writeInt8(from: file, to: output)
        let matrices = model.namedParameters.filter { $0.tensor.shape.count == 2 }
        XCTAssertEqual(summary.matrices, matrices.count)
        XCTAssertEqual(summary.int8Parameters, matrices.reduce(0) { $0 + $1.tensor.count })
        XCTAssertEqual(summary.parameters, model.parameterCount)
        return (model, output)
    }

    /// The file: every matrix an I8 tensor with its F32 scales, vectors as they were, no
    /// optimizer moments and no training state; its precision and units in the metadata.
    func testTheFileHoldsInt8MatricesAndNothingForTraining() throws {
        for transformer in [false, true] {
            let (model, output) = try int8Checkpoint(transformer: transformer)
            let file = try CheckpointFile.read(from: output)
            XCTAssertEqual(file.metadata["precision"], "int8")
            XCTAssertNil(file.metadata["training_state"])
            XCTAssertFalse(file.tensors.contains { $0.name.hasPrefix("optimizer.") })
            let units = try JSONDecoder().decode([String: String].self, from: Data(try XCTUnwrap(file.metadata["int8_units"]).utf8))
            for (name, tensor) in model.namedParameters {
                if tensor.shape.count == 2 {
                    let entry = try XCTUnwrap(file.int8Tensor(named: name), name)
                    let expected = Int8Weight.quantizing(tensor, units: name.hasSuffix("embedding.weight") ? .rows : .columns)
                    XCTAssertEqual(entry.shape, tensor.shape, name)
                    XCTAssertEqual(entry.values, expected.values, name)
                    XCTAssertEqual(file["\(name).scales"]?.values, expected.scales, name)
                    XCTAssertEqual(units[name], expected.units.rawValue, name)
                    XCTAssertNil(file[name], "\(name) is not also stored as float")
                } else {
                    XCTAssertEqual(file[name]?.values, tensor.values, name)
                }
            }
            XCTAssertEqual(units["decoder.embedding.weight"], "rows")
            XCTAssertEqual(units.count, file.int8Tensors.count)
        }
    }

    /// Loaded, the int8 checkpoint gives every matrix its int8 form, and its logits are exactly
    /// those of the float model quantized in memory, close to the float model's but not equal:
    /// decoding multiplies in int8. Saved again (as `nmt shortlist` does), it stays the same.
    func testLoadedInt8ModelsDecodeInInt8() throws {
        let batch = ModelFixtures.batch(ModelFixtures.pairs)
        for transformer in [false, true] {
            let (model, output) = try int8Checkpoint(transformer: transformer)
            let loaded = try ModelCheckpoint.load(from: output)
            XCTAssertEqual(loaded.precision, .int8)
            for (name, tensor) in loaded.model.namedParameters {
                XCTAssertEqual(tensor.int8 != nil, tensor.shape.count == 2, name)
                if let int8 = tensor.int8 { XCTAssertEqual(tensor.values, int8.dequantized, name) }
            }
            let float = model.logits(batch, mode: .inference).logits.values
            let int8 = loaded.model.logits(batch, mode: .inference).logits.values
            ModelCheckpoint.quantize(model)
            XCTAssertEqual(model.logits(batch, mode: .inference).logits.values, int8, "transformer: \(transformer)")
            XCTAssertNotEqual(int8, float)
            let spread = float.map { $0 * $0 }.reduce(0, +), error = zip(int8, float).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            XCTAssertLessThan((error / spread).squareRoot(), 0.05, "transformer: \(transformer)")

            let again = path("again.ckpt")
            try ModelCheckpoint.save(to: again, model: loaded.model, optimizer: nil, codec: loaded.codec,
                                     configuration: loaded.configuration, state: nil)
            let reread = try CheckpointFile.read(from: again), original = try CheckpointFile.read(from: output)
            XCTAssertEqual(reread.int8Tensors, original.int8Tensors)
            XCTAssertEqual(reread.tensors, original.tensors)
            try FileManager.default.removeItem(atPath: again)
            try FileManager.default.removeItem(atPath: output)
        }
    }

    func testAnInt8CheckpointIsNotQuantizedAgain() throws {
        let (_, output) = try int8Checkpoint(transformer: false)
        XCTAssertThrowsError(try ModelCheckpoint.writeInt8(from: output, to: path("twice.ckpt"))) { error in
            XCTAssertTrue("\(error)".contains("already an int8 checkpoint"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("twice.ckpt")))
    }

    func testAnInt8CheckpointIsNotAveraged() throws {
        let (_, output) = try int8Checkpoint(transformer: false)
        XCTAssertThrowsError(try CheckpointAveraging.average([output, output], to: path("mean.ckpt"))) { error in
            XCTAssertTrue("\(error)".contains("int8 checkpoint (nmt quantize) cannot be averaged"), "\(error)")
        }
    }

    /// Damaged int8 checkpoints (re-signed, so the checksum holds) are refused, naming the problem.
    func testDamagedInt8CheckpointsAreRefused() throws {
        let (_, output) = try int8Checkpoint(transformer: false)
        let name = "decoder.lstm.w_hidden"
        let damages: [(String, (inout CheckpointFile) -> Void, String)] = [
            ("precision", { $0.metadata["precision"] = "int4" }, "metadata `precision` is \"int4\""),
            ("units missing", { $0.metadata["int8_units"] = nil }, "needs metadata `int8_units`"),
            ("units value", { $0.metadata["int8_units"] = $0.metadata["int8_units"]!.replacingOccurrences(of: "columns", with: "cols") },
             "has units \"cols\""),
            ("scales missing", { $0.tensors.removeAll { $0.name == "\(name).scales" } }, "needs F32 '\(name).scales'"),
            ("negative scale", { file in
                let index = file.tensors.firstIndex { $0.name == "\(name).scales" }!
                file.tensors[index].values[0] = -1
            }, "scales are ≥ 0"),
            ("value -128", { file in
                let index = file.int8Tensors.firstIndex { $0.name == name }!
                file.int8Tensors[index].values[3] = -128
            }, "holds -128 at index 3"),
            ("unlisted", { $0.int8Tensors.append(.init(name: "extra", shape: [2, 2], values: [1, 2, 3, 4])) },
             "'extra' is not in metadata `int8_units`"),
        ]
        for (label, damage, message) in damages {
            var file = try CheckpointFile.read(from: output)
            damage(&file)
            let damaged = path("damaged-\(label).ckpt")
            try file.write(to: damaged)
            XCTAssertThrowsError(try ModelCheckpoint.load(from: damaged), label) { error in
                XCTAssertTrue("\(error)".contains(damaged) && "\(error)".contains(message), "\(label): \(error)")
            }
        }
    }

    /// `nmt quantize` end to end on a trained toy run: the copy translates; the command refuses
    /// an existing output; training refuses to resume from the copy.
    func testQuantizeCommandTranslatesAndRefusesWhatItMust() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let config = try fixture.writeConfiguration(fixture.configuration(updates: 4, validateEvery: 2), name: "run.yaml")
        let trained = try BuiltExecutable.nmt.run(["train", "--config", config])
        XCTAssertEqual(trained.status, 0, trained.error)
        let checkpoint = fixture.directory.appendingPathComponent("run/latest.ckpt").path
        let output = fixture.directory.appendingPathComponent("int8.ckpt").path

        let quantized = try BuiltExecutable.nmt.run(["quantize", "--checkpoint", checkpoint, "--output", output])
        XCTAssertEqual(quantized.status, 0, quantized.error)
        XCTAssertTrue(quantized.output.contains("in int8 with one scale per output unit; written to \(output)"), quantized.output)
        let translated = try BuiltExecutable.nmt.run(["translate", "--checkpoint", output], input: "the cat sees a dog .\n")
        XCTAssertEqual(translated.status, 0, translated.error)

        let before = try Data(contentsOf: URL(fileURLWithPath: output))
        let again = try BuiltExecutable.nmt.run(["quantize", "--checkpoint", checkpoint, "--output", output])
        XCTAssertEqual(again.status, 2, again.error)
        XCTAssertTrue(again.error.contains("\(output) exists"), again.error)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), before, "nothing overwritten")

        let resumed = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", output])
        XCTAssertNotEqual(resumed.status, 0)
        XCTAssertTrue(resumed.error.contains("is an int8 checkpoint (nmt quantize), for decoding only"), resumed.error)
    }
}
