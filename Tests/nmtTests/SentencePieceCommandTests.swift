import Foundation
import TestSupport
import XCTest

/// `nmt sentencepiece train`, `encode` and `decode` as a user runs them.
final class SentencePieceCommandTests: XCTestCase {
    private static let text = (0..<40).map { "line \($0 % 7): a small dog sees the big cat, and the cat runs." }.joined(separator: "\n") + "\n"

    func testTrainEncodeDecodeGivesTheTextBack() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.file("text.txt", Self.text)
        let model = directory.path("m.model")
        let trained = try BuiltExecutable.nmt.run(["sentencepiece", "train", "--input", input, "--output", model,
                                                   "--vocabulary-size", "40", "--model-type", "bpe"])
        XCTAssertEqual(trained.status, 0, trained.error)
        XCTAssertEqual(trained.error, "", "no progress lines from the library")
        let encoded = try BuiltExecutable.nmt.run(["sentencepiece", "encode", "--model", model], input: Self.text)
        XCTAssertEqual(encoded.status, 0, encoded.error)
        let lines = encoded.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 40)
        XCTAssertTrue(lines[0].hasPrefix("▁"), String(lines[0]))
        let decoded = try BuiltExecutable.nmt.run(["sentencepiece", "decode", "--model", model], input: encoded.output)
        XCTAssertEqual(decoded.status, 0, decoded.error)
        XCTAssertEqual(decoded.output, Self.text)
        // The same text and options give the same model.
        let again = directory.path("again.model")
        _ = try BuiltExecutable.nmt.run(["sentencepiece", "train", "--input", input, "--output", again,
                                         "--vocabulary-size", "40", "--model-type", "bpe"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again)), try Data(contentsOf: URL(fileURLWithPath: model)))
    }

    func testBadInputIsNamed() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.file("text.txt", Self.text)
        let notAModel = try directory.file("vocab.txt", "a\nb\n")
        let encode = try BuiltExecutable.nmt.run(["sentencepiece", "encode", "--model", notAModel], input: "a b\n")
        XCTAssertEqual(encode.status, 1)
        XCTAssertTrue(encode.error.hasPrefix("nmt: \(notAModel): not a SentencePiece model: "), encode.error)
        let type = try BuiltExecutable.nmt.run(["sentencepiece", "train", "--input", input, "--output", directory.path("m"),
                                                "--model-type", "char"])
        XCTAssertEqual(type.status, 2)
        XCTAssertTrue(type.error.contains("--model-type must be unigram or bpe, not 'char'"), type.error)
        let size = try BuiltExecutable.nmt.run(["sentencepiece", "train", "--input", input, "--output", directory.path("m"),
                                                "--vocabulary-size", "5000"])
        XCTAssertEqual(size.status, 1)
        XCTAssertTrue(size.error.contains("SentencePiece training failed: ") && size.error.contains("Vocabulary size too high (5000)"), size.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("m")), "no model file is written")
    }
}
