import Text
import XCTest

final class SegmentationTests: XCTestCase {
    func testWordAndCharacterSegmentation() {
        XCTAssertEqual(Segmentation.word.segment(["ein", "Hund"]), ["ein", "Hund"])
        let characters = Segmentation.character.segment(["ein", "Hünd"])
        XCTAssertEqual(characters, ["e@@", "i@@", "n", "H@@", "ü@@", "n@@", "d"])
        XCTAssertEqual(Segmentation.character.join(characters), ["ein", "Hünd"])
    }

    func testBPESegmentation() {
        let bpe = BPE(merges: BPEMerges([.init("l", "o"), .init("lo", "w</w>")]))
        let segmentation = Segmentation.bpe(bpe)
        XCTAssertEqual(segmentation.segment(["low", "lower"]), ["low", "lo@@", "w@@", "e@@", "r"])
        XCTAssertEqual(segmentation.join(["low", "lo@@", "w@@", "e@@", "r"]), ["low", "lower"])
    }

    /// SentencePiece segments the tokens joined by spaces (pre-tokenized text) and joins its
    /// pieces into one line.
    func testSentencePieceSegmentation() throws {
        let lines = Array(repeating: ["a small dog runs", "the big cat sees a dog"], count: 30).flatMap { $0 }
        let model = try SentencePieceTraining(vocabularySize: 20, characterCoverage: 1).train(lines)
        let segmentation = Segmentation.sentencePiece(model)
        XCTAssertTrue(segmentation.segmentsLines)
        XCTAssertFalse(Segmentation.word.segmentsLines)
        let pieces = segmentation.segment(["a", "small", "dog"])
        XCTAssertEqual(pieces, model.encode("a small dog"))
        XCTAssertEqual(segmentation.join(pieces), ["a small dog"])
    }
}
