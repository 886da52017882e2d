import XCTest
@testable import YAMLConfiguration

final class YAMLNestingTests: XCTestCase {
    private func depth(_ text: String) -> Int? {
        YAMLNesting.firstLine(deeperThan: 0, in: text)?.depth
    }

    func testBlockFlowAndCompactNestingAreCounted() {
        XCTAssertEqual(depth("a: 1\n"), 1)
        XCTAssertEqual(YAMLNesting.firstLine(deeperThan: 1, in: "a:\n  b: 1\n")?.line, 2)
        XCTAssertNil(YAMLNesting.firstLine(deeperThan: 2, in: "a:\n  b: 1\nc:\n  d: 2\n"))
        XCTAssertEqual(YAMLNesting.firstLine(deeperThan: 3, in: "a: [[[1]]]\n")?.depth, 4)
        XCTAssertEqual(YAMLNesting.firstLine(deeperThan: 3, in: "- - - - x\n")?.depth, 5)
        // A flow collection open across lines keeps its depth.
        XCTAssertEqual(YAMLNesting.firstLine(deeperThan: 3, in: "a: [[\n  [[1]]]]\n")?.line, 2)
    }

    func testBracketsInQuotesAndCommentsAreNotNesting() {
        XCTAssertNil(YAMLNesting.firstLine(deeperThan: 1, in: "a: \"[[[[\" # {{{{\nb: '[[[[it''s]'\n"))
        XCTAssertNil(YAMLNesting.firstLine(deeperThan: 1, in: "a: \"\\\"[[[[\"\n"))
    }

    func testTheShippedConfigurationsAreFarBelowTheLimit() throws {
        let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../configs").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: configs.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let text = try String(contentsOf: configs.appendingPathComponent(name), encoding: .utf8)
            // Three levels at most: a section, a key's nested section or list (`data.filters`,
            // `data.train`), and a list entry's mapping.
            XCTAssertNil(YAMLNesting.firstLine(deeperThan: 3, in: text), name)
        }
    }
}
