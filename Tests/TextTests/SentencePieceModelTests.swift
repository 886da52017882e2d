import Files
import TestSupport
@testable import Text
import XCTest

/// Training, loading, encoding and decoding through the SentencePiece library.
final class SentencePieceModelTests: XCTestCase {
    /// 300 sentences of the toy language, written with spaces.
    private static let spacedLines: [String] = {
        var indices = LinearCongruentialIndices(seed: 7)
        return ToyLanguage.small.pairs(300, using: &indices).flatMap { [$0.source, $0.target] }
    }()

    private static let small = SentencePieceTraining(vocabularySize: 40)

    func testPiecesCarryTheirSpacesAndDecodeToTheLine() throws {
        let model = try Self.small.train(Self.spacedLines)
        let line = "the red cat sees a dog ."
        let pieces = model.encode(line)
        XCTAssertEqual(pieces.joined(), "▁the▁red▁cat▁sees▁a▁dog▁.")
        XCTAssertTrue(pieces.allSatisfy { !$0.contains(" ") })
        XCTAssertEqual(model.decode(pieces), line)
        for line in Self.spacedLines { XCTAssertEqual(model.decode(model.encode(line)), line) }
    }

    /// The vocabulary is what encoding can produce: no `<unk>`, `<s>` or `</s>`; the model's
    /// size counts them.
    func testPiecesLeaveOutTheControlAndUnknownPieces() throws {
        let model = try Self.small.train(Self.spacedLines)
        XCTAssertEqual(model.pieces.count, 40 - 3)
        XCTAssertFalse(model.pieces.contains("<unk>"))
        XCTAssertFalse(model.pieces.contains("<s>"))
        XCTAssertTrue(model.pieces.contains { $0.hasPrefix("▁") && $0.count > 1 }, "pieces that start a word")
        let vocabulary = try Vocabulary(sentencePiece: model)
        XCTAssertEqual(vocabulary.tokens, Vocabulary.specialTokens + model.pieces)
    }

    /// The same lines and options give the same model, byte for byte, whatever the machine.
    func testTrainingIsDeterministic() throws {
        let first = try Self.small.train(Self.spacedLines)
        let second = try Self.small.train(Self.spacedLines)
        XCTAssertEqual(first.bytes, second.bytes)
        XCTAssertEqual(first, second)
        let bpe = try SentencePieceTraining(modelType: .bpe, vocabularySize: 40).train(Self.spacedLines)
        XCTAssertNotEqual(bpe, first, "the model type reaches the trainer")
        XCTAssertEqual(bpe, try SentencePieceTraining(modelType: .bpe, vocabularySize: 40).train(Self.spacedLines))
    }

    /// A script without spaces is cut into pieces and decodes back exactly.
    func testTextWithoutSpacesRoundTrips() throws {
        var indices = LinearCongruentialIndices(seed: 3)
        let lines = UnspacedLanguage.pairs(300, using: &indices).flatMap { [$0.source, $0.target] }
        XCTAssertFalse(lines.contains { $0.contains(" ") })
        let model = try SentencePieceTraining(vocabularySize: 80, characterCoverage: 1).train(lines)
        for line in lines {
            let pieces = model.encode(line)
            XCTAssertGreaterThan(pieces.count, 1, line)
            XCTAssertEqual(model.decode(pieces), line)
        }
    }

    /// A character the model never saw is a piece outside its vocabulary (the vocabulary reads
    /// it as `<unk>`), and `<unk>` decodes as " ⁇ ".
    func testAnUnseenCharacterIsUnknown() throws {
        let model = try Self.small.train(Self.spacedLines)
        let pieces = model.encode("a 猫")
        XCTAssertTrue(pieces.contains("猫"), "\(pieces)")
        XCTAssertFalse(model.pieces.contains("猫"))
        XCTAssertEqual(try Vocabulary(sentencePiece: model).id(of: "猫"), Vocabulary.unknownID)
        XCTAssertEqual(model.decode(["<unk>"]), " ⁇ ")
    }

    func testAModelSurvivesItsFile() throws {
        let directory = try TemporaryDirectory()
        let model = try Self.small.train(Self.spacedLines)
        let path = directory.path("toy.model")
        try model.write(to: path)
        let loaded = try SentencePieceModel(contentsOf: path)
        XCTAssertEqual(loaded, model)
        XCTAssertEqual(loaded.pieces, model.pieces)
        XCTAssertEqual(loaded.encode("a big tree ."), model.encode("a big tree ."))
    }

    func testBytesThatAreNotAModelAreRefusedByName() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("vocab.model", "this is a vocabulary, not a model\n")
        XCTAssertThrowsError(try SentencePieceModel(contentsOf: path)) { error in
            guard case TextError.invalidSentencePieceModel(let name, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, path)
            XCTAssertTrue("\(error)".hasPrefix("\(path): not a SentencePiece model: "), "\(error)")
        }
        XCTAssertThrowsError(try SentencePieceModel(contentsOf: directory.path("missing.model"))) { error in
            XCTAssertTrue("\(error)".contains("missing.model"), "\(error)")
        }
    }

    /// A vocabulary the text cannot fill is the trainer's refusal, in its words.
    func testAnImpossibleVocabularySizeIsRefused() {
        XCTAssertThrowsError(try SentencePieceTraining(vocabularySize: 5000).train(Self.spacedLines)) { error in
            guard case TextError.sentencePieceTraining(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("Vocabulary size"), reason)
        }
    }

    /// Encoding and decoding only read the model, so one model serves several threads.
    func testOneModelServesSeveralThreads() throws {
        let model = try Self.small.train(Self.spacedLines)
        let expected = Self.spacedLines.map(model.encode)
        var mismatches = [Int](repeating: 0, count: 4)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var count = 0
            for _ in 0..<20 {
                for (line, pieces) in zip(Self.spacedLines, expected) where model.encode(line) != pieces || model.decode(pieces) != line {
                    count += 1
                }
            }
            lock.withLock { mismatches[thread] = count }
        }
        XCTAssertEqual(mismatches, [0, 0, 0, 0])
    }
}
