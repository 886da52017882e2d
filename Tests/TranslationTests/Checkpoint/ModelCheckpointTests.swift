import Autodiff
import Checkpoint
import Foundation
import Layers
@testable import Model
@testable import Search
import TestSupport
import Text
@testable import Translation
import XCTest

/// `ModelCheckpoint.load` checks every metadata value against the tensors before it builds a
/// model. The damaged files here are re-signed (read, changed, written again through
/// `CheckpointFile`), so their checksums are valid: what a careless tool or a hostile editor who
/// knows the format would produce.
final class ModelCheckpointTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var directory: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
    }

    override func tearDownWithError() throws {
        temporary = nil
    }

    // MARK: Fixtures

    private func path(_ name: String) -> String { directory + "/" + name }

    /// Source vocabulary 9 (4 specials + 5 words), target 8 (4 + 4): ModelFixtures.tinyConfig's.
    private static func codec() throws -> TextCodec {
        try TextCodec(
            settings: .init(sourceLanguage: "en", targetLanguage: "de", lowercase: true, tokenized: true, segmentation: .word),
            sourceMerges: nil, targetMerges: nil,
            sourceVocabulary: try Vocabulary(words: ["a", "b", "c", "d", "e"]),
            targetVocabulary: try Vocabulary(words: ["w", "x", "y", "z"]))
    }

    private static func configuration(_ model: ModelConfiguration) -> TrainingConfiguration {
        var configuration = TrainingConfiguration(
            data: .init(train: "data/train", valid: "data/valid", sourceLanguage: .english, targetLanguage: .german),
            output: .init(directory: "/tmp/nmt-unused"))
        configuration.model.embeddingSize = model.embeddingSize
        configuration.model.encoderHiddenSize = model.encoderHiddenSize
        configuration.model.decoderHiddenSize = model.decoderHiddenSize
        configuration.model.attention = model.attention
        configuration.model.attentionSize = model.attentionSize
        configuration.model.preOutputSize = model.preOutputSize
        configuration.model.dropout = model.dropout
        return configuration
    }

    /// A saved tiny model with Adam's moments and a training state; returns its path and model.
    private func savedCheckpoint(_ name: String = "model.ckpt") throws -> (path: String, model: Seq2Seq) {
        let config = ModelFixtures.tinyConfig(.additive)
        let model = Seq2Seq(config, seed: 7)
        let optimizer = Adam(parameters: model.namedParameters)
        let file = path(name)
        try ModelCheckpoint.save(to: file, model: model, optimizer: optimizer, codec: try Self.codec(),
                                 configuration: Self.configuration(config),
                                 state: TrainingState(seed: 3, schedule: LearningRateSchedule(TrainingConfiguration.TrainingSection())))
        return (file, model)
    }

    /// A copy of a saved checkpoint changed by `change` and written again with a valid checksum.
    private func resigned(_ name: String, _ change: (inout CheckpointFile) throws -> Void) throws -> String {
        var file = try CheckpointFile.read(from: try savedCheckpoint().path)
        try change(&file)
        let target = path(name)
        try file.write(to: target)
        return target
    }

    /// Changes the JSON object in metadata `key`.
    private func editJSON(_ file: inout CheckpointFile, _ key: String, _ change: (inout [String: Any]) -> Void) throws {
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(file.metadata[key]).utf8)) as? [String: Any])
        change(&object)
        file.metadata[key] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    private func assertRefused(_ file: String, mentions parts: [String], line: UInt = #line) {
        do {
            _ = try ModelCheckpoint.load(from: file)
            XCTFail("\(file) was loaded", line: line)
        } catch let error as CheckpointError {
            for part in [file] + parts {
                XCTAssertTrue(error.description.contains(part), "\"\(error)\" does not mention \"\(part)\"", line: line)
            }
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
    }

    // MARK: What loads

    func testLoadGivesBackTheSavedWeightsAndVocabularies() throws {
        let (file, model) = try savedCheckpoint()
        let loaded = try ModelCheckpoint.load(from: file)
        XCTAssertEqual(loaded.model.config, model.config)
        for ((name, a), (_, b)) in zip(loaded.model.namedParameters, model.namedParameters) {
            XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), name)
        }
        XCTAssertEqual(loaded.codec.sourceVocabulary.count, 9)
        XCTAssertEqual(loaded.codec.targetVocabulary.count, 8)
        XCTAssertEqual(loaded.state?.generator.count, 4)
    }

    /// The Swift half of the interoperability check: the tensors packed in another order with the
    /// metadata untouched (as Python's safetensors re-saves them) load as before. The Python half,
    /// by hand: `scripts/checks/resave-with-safetensors.py model.ckpt copy.ckpt`, then translate with it.
    func testCheckpointRepackedInNameOrderStillLoads() throws {
        let (file, model) = try savedCheckpoint()
        var raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let headerLength = Int(raw[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        var header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(raw[8..<(8 + headerLength)])) as? [String: Any])
        let dataStart = 8 + headerLength
        var data: [UInt8] = []
        for name in header.keys.filter({ $0 != "__metadata__" }).sorted() {
            var info = try XCTUnwrap(header[name] as? [String: Any])
            let offsets = try XCTUnwrap(info["data_offsets"] as? [Int])
            info["data_offsets"] = [data.count, data.count + offsets[1] - offsets[0]]
            data += raw[(dataStart + offsets[0])..<(dataStart + offsets[1])]
            header[name] = info
        }
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header))
        json += repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8)
        raw = withUnsafeBytes(of: UInt64(json.count).littleEndian) { [UInt8]($0) } + json + data
        let repacked = path("repacked.ckpt")
        try Data(raw).write(to: URL(fileURLWithPath: repacked))

        XCTAssertNotEqual(try CheckpointFile.read(from: repacked).tensors.map(\.name), model.namedParameters.map(\.name),
                          "the order really changed")
        let loaded = try ModelCheckpoint.load(from: repacked)
        for ((name, a), (_, b)) in zip(loaded.model.namedParameters, model.namedParameters) {
            XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), name)
        }
    }

    // MARK: Vocabularies against the embedding and output rows

    func testSourceVocabularyLongerThanTheEmbeddingIsRefused() throws {
        let file = try resigned("long-source.ckpt") { file in
            file.metadata["source_vocabulary"]! += (0..<2000).map { "extra\($0)\n" }.joined()
        }
        assertRefused(file, mentions: ["source_vocabulary", "2009", "9"])
    }

    func testSourceVocabularyShorterThanTheEmbeddingIsRefused() throws {
        let file = try resigned("short-source.ckpt") { file in
            file.metadata["source_vocabulary"] = "<pad>\n<s>\n</s>\n<unk>\na"
        }
        assertRefused(file, mentions: ["source_vocabulary", "5 entries", "9"])
    }

    func testTargetVocabularyShorterThanTheOutputLayerIsRefused() throws {
        let file = try resigned("short-target.ckpt") { file in
            file.metadata["target_vocabulary"] = "<pad>\n<s>\n</s>\n<unk>"
        }
        assertRefused(file, mentions: ["target_vocabulary", "4 entries", "8"])
    }

    func testTargetVocabularyLongerThanTheOutputLayerIsRefused() throws {
        let file = try resigned("long-target.ckpt") { file in
            file.metadata["target_vocabulary"]! += "more\n"
        }
        assertRefused(file, mentions: ["target_vocabulary", "9 entries", "8"])
    }

    // MARK: Model sizes against the tensors

    /// Crashed in Embedding.init before the loader checked sizes.
    func testNegativeModelSizeIsRefused() throws {
        let file = try resigned("negative.ckpt") { file in
            try editJSON(&file, "model") { $0["embeddingSize"] = -1 }
        }
        assertRefused(file, mentions: ["embeddingSize", "-1"])
    }

    func testZeroModelSizeIsRefused() throws {
        let file = try resigned("zero.ckpt") { file in
            try editJSON(&file, "model") { $0["decoderHiddenSize"] = 0 }
        }
        assertRefused(file, mentions: ["decoderHiddenSize", "0"])
    }

    /// Segfaulted (or ran on allocating) before the loader bounded sizes.
    func testHugeModelSizesAreRefusedBeforeAllocating() throws {
        for (key, value) in [("embeddingSize", 4_611_686_018_427_387_904), ("encoderLayers", 2_147_483_648),
                             ("attentionSize", 1_000_000_000)] {
            let file = try resigned("huge-\(key).ckpt") { file in
                try editJSON(&file, "model") { $0[key] = value }
            }
            assertRefused(file, mentions: [key, String(value), "at most"])
        }
    }

    func testModelSizeDisagreeingWithTheTensorShapesIsRefused() throws {
        let file = try resigned("attention-size.ckpt") { file in
            try editJSON(&file, "model") { $0["attentionSize"] = 6 }
            try editJSON(&file, "configuration") { configuration in
                var model = configuration["model"] as? [String: Any] ?? [:]
                model["attention_size"] = 6
                configuration["model"] = model
            }
        }
        assertRefused(file, mentions: ["decoder.attention.w_query", "[4, 5]", "[4, 6]"])
    }

    func testModelSettingsDisagreeingWithTheConfigurationAreRefused() throws {
        let file = try resigned("disagree.ckpt") { file in
            try editJSON(&file, "configuration") { configuration in
                var model = configuration["model"] as? [String: Any] ?? [:]
                model["attention_size"] = 6
                configuration["model"] = model
            }
        }
        assertRefused(file, mentions: ["configuration", "model"])
    }

    func testConfigurationValueOutOfRangeIsRefused() throws {
        let file = try resigned("beam.ckpt") { file in
            try editJSON(&file, "configuration") { configuration in
                var translation = configuration["translation"] as? [String: Any] ?? [:]
                translation["beam"] = -3
                configuration["translation"] = translation
            }
        }
        assertRefused(file, mentions: ["translation.beam", "-3"])
    }

    /// Read as word segmentation before the setting was an enum, so the model saw units it was
    /// not trained on.
    func testUnknownSegmentationInTheCodecIsRefused() throws {
        let file = try resigned("segmentation.ckpt") { file in
            try editJSON(&file, "codec") { $0["segmentation"] = "wordpiece" }
        }
        assertRefused(file, mentions: ["metadata `codec`", "unknown segmentation 'wordpiece'; expected one of bpe, word, char, sentencepiece"])
    }

    // MARK: Weights and training state

    func testNaNWeightIsRefusedWithTheTensorName() throws {
        let file = try resigned("nan.ckpt") { file in
            let index = try XCTUnwrap(file.tensors.firstIndex { $0.name == "decoder.lstm.w_hidden" })
            file.tensors[index].values[5] = .nan
        }
        assertRefused(file, mentions: ["decoder.lstm.w_hidden", "NaN"])
    }

    func testInfiniteOptimizerMomentIsRefusedWithTheTensorName() throws {
        let file = try resigned("inf.ckpt") { file in
            let index = try XCTUnwrap(file.tensors.firstIndex { $0.name == "optimizer.adam_v.encoder.embedding.weight" })
            file.tensors[index].values[0] = -.infinity
        }
        assertRefused(file, mentions: ["optimizer.adam_v.encoder.embedding.weight", "infinite"])
    }

    /// Tripped a precondition in SeededGenerator on --resume before the loader checked it.
    func testTrainingStateWithAShortGeneratorIsRefused() throws {
        let file = try resigned("generator.ckpt") { file in
            try editJSON(&file, "training_state") { $0["generator"] = [1, 2] }
        }
        assertRefused(file, mentions: ["training_state", "generator"])
    }

    func testNegativeOptimizerStepIsRefused() throws {
        let file = try resigned("step.ckpt") { file in file.metadata["optimizer_step"] = "-5" }
        assertRefused(file, mentions: ["optimizer_step", "-5"])
    }

    // MARK: The shortlist

    func testAShortlistIsSavedAndLoadedBack() throws {
        let config = ModelFixtures.tinyConfig(.additive)
        let model = Seq2Seq(config, seed: 7)
        let shortlist = Shortlist(frequent: [0, 1, 2, 3, 6], perSource: (0..<9).map { [Int32(4 + $0 % 4)] }, targetVocabularySize: 8)
        let file = path("shortlist.ckpt")
        try ModelCheckpoint.save(to: file, model: model, optimizer: nil, codec: try Self.codec(),
                                 configuration: Self.configuration(config), state: nil, shortlist: shortlist)
        XCTAssertEqual(try ModelCheckpoint.load(from: file).shortlist, shortlist)
        XCTAssertNil(try ModelCheckpoint.load(from: try savedCheckpoint().path).shortlist)
    }

    func testADamagedShortlistIsRefusedNamingIt() throws {
        let outside = try resigned("outside.ckpt") { file in
            file.metadata["shortlist"] = "shortlist 9 8\n0 1 2\n" + String(repeating: "4\n", count: 8) + "8\n"
        }
        assertRefused(outside, mentions: ["shortlist", "line 11", "`8` is not a target id below 8"])
        let otherVocabulary = try resigned("vocabulary.ckpt") { file in file.metadata["shortlist"] = "shortlist 5 8\n0\n" }
        assertRefused(otherVocabulary, mentions: ["shortlist", "not a shortlist for 9 source and 8 target units"])
    }
}
