import Foundation
import TestSupport
import Text
@testable import Translation
import XCTest

/// The codec with SentencePiece models and shared vocabularies: raw cased text to ids and back,
/// what it refuses, and how a checkpoint's metadata carries the models.
final class TextCodecSentencePieceTests: XCTestCase {
    private static let lines = [
        "Ein Mann sagt „Hallo“ zu zwei Kindern.", "Eine Frau läuft über die Straße.",
        "A man says \"hello\" to two children.", "A woman walks across the street.",
    ]

    private static func model() throws -> SentencePieceModel {
        try SentencePieceTraining(vocabularySize: 50, characterCoverage: 1).train(Array(repeating: lines, count: 20).flatMap { $0 })
    }

    private static func settings(shared: Bool = true, lowercase: Bool = false) -> TextCodec.Settings {
        .init(sourceLanguage: "en", targetLanguage: "de", lowercase: lowercase, tokenized: false, segmentation: .sentencePiece,
              sharedVocabulary: shared)
    }

    /// Raw, cased text with typographic quotes comes back exactly from its ids: no tokenizer,
    /// no punctuation normalization, no detokenizer.
    func testRawTextComesBackExactlyFromItsIds() throws {
        let model = try Self.model()
        let vocabulary = try Vocabulary(sentencePiece: model)
        let codec = try TextCodec(settings: Self.settings(), sourceMerges: nil, targetMerges: nil,
                                  sourceSentencePiece: model, targetSentencePiece: model,
                                  sourceVocabulary: vocabulary, targetVocabulary: vocabulary)
        for line in Self.lines {
            XCTAssertEqual(codec.targetUnits(line), model.encode(line))
            let ids = codec.encodeTarget(line)
            XCTAssertFalse(ids.contains(Vocabulary.unknownID), line)
            XCTAssertEqual(codec.decodeTarget(ids + [Vocabulary.endID]), line)
        }
        XCTAssertEqual(codec.sourceUnits(Self.lines[2]), model.encode(Self.lines[2]))
    }

    func testLowercasingHappensBeforeThePieces() throws {
        let model = try Self.model()
        let vocabulary = try Vocabulary(sentencePiece: model)
        let codec = try TextCodec(settings: Self.settings(lowercase: true), sourceMerges: nil, targetMerges: nil,
                                  sourceSentencePiece: model, targetSentencePiece: model,
                                  sourceVocabulary: vocabulary, targetVocabulary: vocabulary)
        XCTAssertEqual(codec.sourceUnits("A WOMAN"), model.encode("a woman"))
    }

    func testASharedVocabularyMustBeTheSameOnBothSides() throws {
        let model = try Self.model()
        XCTAssertThrowsError(try TextCodec(settings: Self.settings(), sourceMerges: nil, targetMerges: nil,
                                           sourceSentencePiece: model, targetSentencePiece: model,
                                           sourceVocabulary: try Vocabulary(sentencePiece: model),
                                           targetVocabulary: try Vocabulary(words: ["x"]))) { error in
            XCTAssertTrue("\(error)".contains("the vocabulary is shared, but the source vocabulary"), "\(error)")
        }
        XCTAssertThrowsError(try TextCodec(settings: Self.settings(shared: false), sourceMerges: nil, targetMerges: nil,
                                           sourceVocabulary: try Vocabulary(words: ["x"]), targetVocabulary: try Vocabulary(words: ["x"]))) { error in
            XCTAssertEqual("\(error)", "segmentation sentencepiece needs a SentencePiece model")
        }
    }

    /// Checkpoints written before `sharedVocabulary` existed read as separate vocabularies.
    func testSettingsWithoutTheSharedFlagReadAsNotShared() throws {
        let json = #"{"lowercase":true,"segmentation":"bpe","sourceLanguage":"en","targetLanguage":"de","tokenized":true}"#
        let settings = try JSONDecoder().decode(TextCodec.Settings.self, from: Data(json.utf8))
        XCTAssertFalse(settings.sharedVocabulary)
        XCTAssertEqual(settings.segmentation, .bpe)
        let shared = try JSONDecoder().decode(TextCodec.Settings.self, from: try JSONEncoder().encode(Self.settings()))
        XCTAssertEqual(shared, Self.settings())
    }

    /// The metadata value is the model's bytes in base64; anything else is refused by key.
    func testCheckpointMetadataCarriesTheModelInBase64() throws {
        let model = try Self.model()
        let stored = Data(model.bytes).base64EncodedString()
        XCTAssertEqual(try ModelCheckpoint.sentencePiece(stored, key: "source_sentencepiece", path: "x.ckpt"), model)
        XCTAssertNil(try ModelCheckpoint.sentencePiece(nil, key: "source_sentencepiece", path: "x.ckpt"))
        XCTAssertThrowsError(try ModelCheckpoint.sentencePiece("not base64!", key: "target_sentencepiece", path: "x.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("metadata `target_sentencepiece` is not base64"), "\(error)")
        }
        let garbage = Data("no model here".utf8).base64EncodedString()
        XCTAssertThrowsError(try ModelCheckpoint.sentencePiece(garbage, key: "target_sentencepiece", path: "x.ckpt")) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.ckpt: metadata `target_sentencepiece`: not a SentencePiece model"), "\(error)")
        }
    }
}
