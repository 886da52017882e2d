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
}
