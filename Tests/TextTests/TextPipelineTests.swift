import Text
import XCTest

final class TextPipelineTests: XCTestCase {
    func testLineToUnitsAndBack() {
        let bpe = BPE(merges: BPEMerges([.init("d", "o"), .init("do", "g</w>"), .init("c", "a")]))
        let pipeline = TextPipeline(language: .english, lowercase: true, segmentation: .bpe(bpe))
        let units = pipeline.units(of: "The dog's cat, „fine“.")
        XCTAssertEqual(units, ["t@@", "h@@", "e", "dog", "'@@", "s", "ca@@", "t", ",", "\"", "f@@", "i@@", "n@@", "e", ".", "\""])
        XCTAssertEqual(pipeline.text(from: units), "the dog's cat, \"fine.\"")
    }
}
