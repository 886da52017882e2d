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

    /// SentencePiece cuts the normalized line itself: no tokenizer before it, no detokenizer
    /// after it, so cased text with typographic quotes comes back exactly.
    func testSentencePieceCutsTheNormalizedLineAndDecodesToIt() throws {
        let lines = ["Ein Mann sagt „Hallo“, dann geht er.", "Eine Frau läuft.", "Zwei Hunde spielen im Schnee."]
        let model = try SentencePieceTraining(vocabularySize: 36, characterCoverage: 1).train(Array(repeating: lines, count: 20).flatMap { $0 })
        let pipeline = TextPipeline(language: .german, lowercase: false, segmentation: .sentencePiece(model), normalizePunctuation: false)
        XCTAssertEqual(pipeline.tokens(of: lines[0]), [lines[0]])
        let units = pipeline.units(of: lines[0])
        XCTAssertEqual(units, model.encode(lines[0]))
        XCTAssertEqual(pipeline.text(from: units), lines[0])
        // NFC first: a decomposed "ä" is read as the composed one.
        XCTAssertEqual(pipeline.units(of: "Eine Frau la\u{308}uft."), model.encode("Eine Frau läuft."))
        let lowercasing = TextPipeline(language: .german, lowercase: true, segmentation: .sentencePiece(model), normalizePunctuation: false)
        XCTAssertEqual(lowercasing.tokens(of: "Eine Frau"), ["eine frau"])
    }
}
