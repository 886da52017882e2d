import Autodiff
import Layers
@testable import Model
@testable import Search
import TestSupport
import Text
@testable import Translation
import XCTest

final class InputLengthLimitTests: XCTestCase {
    /// ModelFixtures' tiny model over 5 source and 4 target words, randomized so outputs vary.
    private func translator(_ limit: InputLengthLimit) throws -> Translator {
        let codec = try TextCodec(
            settings: .init(sourceLanguage: "en", targetLanguage: "de", lowercase: true, tokenized: true, segmentation: .word),
            sourceMerges: nil, targetMerges: nil,
            sourceVocabulary: try Vocabulary(words: ["a", "b", "c", "d", "e"]),
            targetVocabulary: try Vocabulary(words: ["w", "x", "y", "z"]))
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 5)
        ModelFixtures.randomize(model, seed: 9)
        var settings = SearchSettings()
        settings.beam = 2
        settings.maxInputLength = limit.maximumUnits
        settings.overlongInput = limit.action
        return Translator(model: model, codec: codec, settings: settings)
    }

    /// 100,000 words: decoded as it is, this ran for minutes (output limit 2 × 100,000 + 10).
    private let hugeLine = (0..<100_000).map { ["a", "b", "c", "d", "e"][$0 % 5] }.joined(separator: " ")

    func testOverlongLineIsTranslatedAsItsFirstUnits() throws {
        let translator = try translator(InputLengthLimit(maximumUnits: 7, action: .truncate))
        let outputs = translator.translate([hugeLine, "a b c d e a b", "c d"])
        XCTAssertEqual(outputs.map(\.text), translator.translate(["a b c d e a b", "a b c d e a b", "c d"]).map(\.text))
        XCTAssertEqual(outputs[0].sourceTokens, ["a", "b", "c", "d", "e", "a", "b", "</s>"])
        XCTAssertEqual(translator.overlongInputWarning([hugeLine, "a b", hugeLine + " a"]),
                       "warning: 2 input lines are longer than 7 units and were truncated to 7 "
                           + "(the longest, line 3, has 100001; see translation.max_input_length)")
    }

    func testOverlongLineIsSkippedWhenAsked() throws {
        let translator = try translator(InputLengthLimit(maximumUnits: 7, action: .skip))
        let outputs = translator.translate(["c d", hugeLine, "a b c d e a b"])
        XCTAssertEqual(outputs[1].text, "")
        XCTAssertEqual([outputs[0].text, outputs[2].text], translator.translate(["c d", "a b c d e a b"]).map(\.text))
        XCTAssertEqual(translator.overlongInputWarning(["c d", hugeLine]),
                       "warning: 1 input line is longer than 7 units and was skipped (an empty output line) "
                           + "(the longest, line 2, has 100000; see translation.max_input_length)")
        XCTAssertNil(translator.overlongInputWarning(["c d", "a b c d e a b"]))
    }

    func testTheLimitComesFromTheSearchSettings() {
        var section = SearchSettings()
        XCTAssertEqual(section.inputLimit, InputLengthLimit(maximumUnits: 1000, action: .truncate))
        section.maxInputLength = 12
        section.overlongInput = .skip
        XCTAssertEqual(section.inputLimit, InputLengthLimit(maximumUnits: 12, action: .skip))
    }
}
