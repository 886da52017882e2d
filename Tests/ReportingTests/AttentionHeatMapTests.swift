import Foundation
@testable import Reporting
import TestSupport
import XCTest

final class AttentionHeatMapTests: XCTestCase {
    private func heatMap(source: [String], target: [String], weights: [[Float]]? = nil, title: String? = nil) throws -> AttentionHeatMap {
        let uniform = Array(repeating: Array(repeating: 1 / Float(max(source.count, 1)), count: source.count), count: target.count)
        return try AttentionHeatMap(sourceTokens: source, targetTokens: target, weights: weights ?? uniform, title: title)
    }

    func testOneCellPerTargetAndSourceToken() throws {
        let svg = try heatMap(source: ["the", "house", "is", "small"], target: ["das", "Haus", "ist"]).svg()
        XCTAssertEqual(svg.components(separatedBy: "<rect class=\"cell\"").count - 1, 12)
        XCTAssertEqual(try ParsedSVG(svg).all("rect", class: "cell").count, 12)
    }

    func testCellsAreRowMajorAndShadedByWeight() throws {
        // Row-major: target 0's cells first. 0.5 and 0.25 fall exactly on stops 4 and 2 of "Blues".
        let svg = try heatMap(source: ["a", "b"], target: ["x", "y"], weights: [[0, 1], [0.5, 0.25]]).svg()
        let fills = try ParsedSVG(svg).all("rect", class: "cell").map { $0.attributes["fill"] }
        XCTAssertEqual(fills, ["#f7fbff", "#08306b", "#6baed6", "#c6dbef"])
    }

    func testZeroIsTheLightestColorAndOneTheDarkest() {
        let scale = ColorScale.blues
        // Relative luminance (WCAG) of an sRGB hex color.
        func luminance(_ hex: String) -> Double {
            let rgb = UInt32(hex.dropFirst(), radix: 16)!
            func linear(_ shift: UInt32) -> Double {
                let c = Double((rgb >> shift) & 0xff) / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(16) + 0.7152 * linear(8) + 0.0722 * linear(0)
        }
        let levels = (0...20).map { luminance(scale.color(at: Double($0) / 20)) }
        for (lighter, darker) in zip(levels, levels.dropFirst()) {
            XCTAssertGreaterThan(lighter, darker)
        }
        XCTAssertEqual(scale.color(at: 0), "#f7fbff")
        XCTAssertEqual(scale.color(at: 1), "#08306b")
        XCTAssertEqual(scale.color(at: -0.2), "#f7fbff", "below 0 clamps")
        XCTAssertEqual(scale.color(at: 1.7), "#08306b", "above 1 clamps")
        // Halfway between stop 0 (f7 fb ff) and stop 1 (de eb f7): (247+222)/2 = 234.5 → eb, …
        XCTAssertEqual(scale.color(at: 0.0625), "#ebf3fb")
    }

    func testNonFiniteWeightsAreDrawnOutsideTheScale() throws {
        let svg = try heatMap(source: ["a", "b"], target: ["x"], weights: [[.nan, .infinity]]).svg()
        let fills = try ParsedSVG(svg).all("rect", class: "cell").map { $0.attributes["fill"] }
        XCTAssertEqual(fills, ["#d62728", "#d62728"])
    }

    func testTokenTextIsEscaped() throws {
        let source = ["<s>", "AT&T", "\"so\"", "it's"]
        let svg = try heatMap(source: source, target: ["a>b"], title: "x < y & z").svg()
        for escaped in ["&lt;s&gt;", "AT&amp;T", "&quot;so&quot;", "it&apos;s", "a&gt;b", "x &lt; y &amp; z"] {
            XCTAssertTrue(svg.contains(">\(escaped)</text>"), "missing \(escaped)")
        }
        XCTAssertFalse(svg.contains("<s>"))
        let texts = try ParsedSVG(svg).all("text").map(\.text)
        for token in source + ["a>b", "x < y & z"] {
            XCTAssertTrue(texts.contains(token), "\(token) does not read back")
        }
    }

    func testCharactersXMLForbidsAreReplaced() throws {
        let svg = try heatMap(source: ["a\u{1}b", "\u{FFFF}"], target: ["tab\there"]).svg()
        let texts = try ParsedSVG(svg).all("text").map(\.text)
        XCTAssertTrue(texts.contains("a\u{FFFD}b"))
        XCTAssertTrue(texts.contains("\u{FFFD}"))
        XCTAssertTrue(texts.contains("tab\there"))
    }

    func testSourceTokensAreRotatedAboveTheirColumns() throws {
        let parsed = try ParsedSVG(try heatMap(source: ["one", "two"], target: ["x"]).svg())
        let cells = parsed.all("rect", class: "cell")
        let label = try XCTUnwrap(parsed.all("text").first { $0.text == "two" })
        let x = try XCTUnwrap(label.attributes["x"].flatMap(Double.init))
        let y = try XCTUnwrap(label.attributes["y"].flatMap(Double.init))
        XCTAssertEqual(label.attributes["transform"], "rotate(-60 \(label.attributes["x"]!) \(label.attributes["y"]!))")
        // The anchor is right of the column's center by 0.35 em · sin 60° and just above the grid.
        let cellX = try XCTUnwrap(cells[1].attributes["x"].flatMap(Double.init))
        let cellY = try XCTUnwrap(cells[1].attributes["y"].flatMap(Double.init))
        XCTAssertEqual(x, cellX + 12 + 0.35 * 12 * sin(Double.pi / 3), accuracy: 0.01)
        XCTAssertLessThan(y, cellY)
    }

    func testMarginsGrowWithTheLongestTokens() throws {
        func firstCell(_ source: [String], _ target: [String]) throws -> (x: Double, y: Double) {
            let cell = try ParsedSVG(try heatMap(source: source, target: target).svg()).all("rect", class: "cell")[0]
            return (Double(cell.attributes["x"]!)!, Double(cell.attributes["y"]!)!)
        }
        let short = try firstCell(["a"], ["b"])
        // 20 more characters at 0.6 × 12 px each: 144 px more on the left; rotated by 60°,
        // 144 · sin 60° more on top, give or take the rounding to whole pixels.
        let longTarget = try firstCell(["a"], ["b", String(repeating: "w", count: 21)])
        let longSource = try firstCell(["a", String(repeating: "w", count: 21)], ["b"])
        XCTAssertEqual(longTarget.x - short.x, 144)
        XCTAssertEqual(longTarget.y, short.y)
        XCTAssertEqual(longSource.y - short.y, 144 * sin(Double.pi / 3), accuracy: 1)
        XCTAssertEqual(longSource.x, short.x)
    }

    func testShapeMismatchesThrowSayingWhat() {
        XCTAssertThrowsError(try AttentionHeatMap(sourceTokens: ["a", "b"], targetTokens: ["x"], weights: [[0.5, 0.5], [0.5, 0.5]])) {
            XCTAssertEqual("\($0)", "the attention weights have 2 rows but there are 1 target tokens; need one row per target token")
        }
        XCTAssertThrowsError(try AttentionHeatMap(sourceTokens: ["a", "b"], targetTokens: ["x", "y"], weights: [[0.5, 0.5], [1]])) {
            XCTAssertEqual("\($0)", "attention row 1 (target token \"y\") has 1 weights but there are 2 source tokens; need one weight per source token")
        }
    }

    func testEmptyMapIsStillAValidDocument() throws {
        let parsed = try ParsedSVG(try heatMap(source: [], target: []).svg())
        XCTAssertEqual(parsed.all("rect", class: "cell").count, 0)
        XCTAssertEqual(parsed.all("svg").count, 1)
    }

    func testWriteStoresTheSVG() throws {
        let map = try heatMap(source: ["a"], target: ["b"])
        let temporary = try TemporaryDirectory()
        let path = temporary.path("heatmap.svg")
        try map.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), map.svg())
        withExtendedLifetime(temporary) {}  // an optimized build may release it after its last use
    }
}
