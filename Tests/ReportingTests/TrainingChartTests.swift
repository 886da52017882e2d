import Foundation
@testable import Reporting
import XCTest

final class TrainingChartTests: XCTestCase {
    /// As TrainingReporter writes it, plus what a live or crashed run leaves: a non-JSON line, a
    /// blank one, an unknown kind and a half-written last line.
    private let metrics = """
        {"elapsed_s":3.2,"epoch":0,"grad_norm":4.1,"kind":"train","learning_rate":0.001,"loss":6.1234,"tokens_per_s":2310.5,"update":100}
        {"elapsed_s":6.1,"epoch":0,"grad_norm":3.2,"kind":"train","learning_rate":0.001,"loss":5.2,"tokens_per_s":2290,"update":200}
        {"best":true,"bleu":1.25,"decode_s":2.1,"elapsed_s":8,"epoch":0,"kind":"valid","learning_rate":0.001,"loss":5.4,"perplexity":221.41,"update":200}
        warning: not json

        {"kind":"test","update":250,"loss":1}
        {"epoch":1,"kind":"train","loss":4.75,"update":300}
        {"best":true,"bleu":6.5,"epoch":1,"kind":"valid","loss":4.9,"update":400}
        {"epoch":1,"kind":"train","loss":4.
        """

    func testFromMetricsBuildsTheThreeSeries() {
        let chart = TrainingChart.fromMetrics(jsonLines: metrics)
        XCTAssertEqual(chart.series.map(\.name), ["train loss", "valid loss", "valid BLEU"])
        XCTAssertEqual(chart.series.map(\.axis), [.left, .left, .right])
        XCTAssertEqual(chart.series[0].points.map(\.x), [100, 200, 300])
        XCTAssertEqual(chart.series[0].points.map(\.y), [6.1234, 5.2, 4.75])
        XCTAssertEqual(chart.series[1].points.map(\.x), [200, 400])
        XCTAssertEqual(chart.series[1].points.map(\.y), [5.4, 4.9])
        XCTAssertEqual(chart.series[2].points.map(\.y), [1.25, 6.5])
    }

    func testAResumedRunReplacesTheTailItRepeats() {
        // Interrupted after update 300 with the last checkpoint at 200: the resumed run logs 300 again.
        let chart = TrainingChart.fromMetrics(jsonLines: """
            {"kind":"train","update":100,"loss":6}
            {"kind":"train","update":200,"loss":5}
            {"kind":"train","update":300,"loss":4}
            {"kind":"train","update":300,"loss":4.5}
            {"kind":"train","update":400,"loss":3.5}
            """)
        XCTAssertEqual(chart.series[0].points.map(\.x), [100, 200, 300, 400])
        XCTAssertEqual(chart.series[0].points.map(\.y), [6, 5, 4.5, 3.5])
    }

    func testChartFromMetricsHasAxesLabelsAndLegend() throws {
        let parsed = try ParsedSVG(TrainingChart.fromMetrics(jsonLines: metrics).svg())
        let texts = parsed.all("text").map(\.text)
        for label in ["update", "loss", "BLEU", "train loss (left)", "valid loss (left)", "valid BLEU (right)"] {
            XCTAssertTrue(texts.contains(label), "missing \(label)")
        }
        // Loss 4.75 … 6.12 on the left, BLEU 1.25 … 6.5 on the right, updates 100 … 400 along the bottom.
        let labels = { (anchor: String) in parsed.all("text").filter { $0.attributes["text-anchor"] == anchor }.map(\.text) }
        XCTAssertEqual(labels("end"), ["4.5", "5.0", "5.5", "6.0", "6.5"])
        XCTAssertEqual(labels("start"), ["0", "2", "4", "6", "8"])
        XCTAssertTrue(labels("middle").starts(with: ["100", "150", "200", "250", "300", "350", "400"]))
        // The right-axis series is dashed; its two validation points are far apart, so circled.
        let lines = parsed.all("polyline")
        XCTAssertEqual(lines.map { $0.attributes["stroke-dasharray"] }, ["none", "none", "5 3"])
        XCTAssertEqual(parsed.all("circle", class: "point").count, 3 + 2 + 2)
    }

    func testDenseSeriesAreLinesAndSparseOnesAreCircled() throws {
        let train = (1...500).map { (x: Double($0 * 10), y: 6 / Double($0).squareRoot()) }
        let valid = stride(from: 500, through: 5000, by: 500).map { (x: Double($0), y: 1.0) }
        let parsed = try ParsedSVG(TrainingChart(series: [
            .init(name: "train loss", points: train), .init(name: "valid loss", points: valid),
        ]).svg())
        XCTAssertEqual(parsed.all("polyline").map { $0.attributes["points"]!.split(separator: " ").count }, [500, 10])
        XCTAssertEqual(parsed.all("circle", class: "point").count, 10)
        XCTAssertEqual(parsed.all("circle", class: "legend-marker").count, 1)
    }

    func testPointsLandOnTheirTicks() throws {
        // y ticks 0, 2, …, 10 span the plot's height; x ticks sit inside a 2% margin, labeled below.
        let parsed = try ParsedSVG(TrainingChart(series: [.init(name: "s", points: [(0, 0), (10, 10)])]).svg())
        let frame = try plotArea(parsed)
        let xLabels = parsed.all("text").filter { $0.attributes["text-anchor"] == "middle" }
        XCTAssertEqual(xLabels.map(\.text), ["0", "2", "4", "6", "8", "10", "update", "loss"])
        let x0 = try XCTUnwrap(xLabels.first?.attributes["x"]), x10 = try XCTUnwrap(xLabels[5].attributes["x"])
        XCTAssertEqual(Double(x0)! - Double(frame.minX), Double(frame.width) * 0.2 / 10.4, accuracy: 0.01)
        XCTAssertEqual(parsed.all("polyline").first?.attributes["points"], "\(x0),\(n(frame.maxY)) \(x10),\(n(frame.minY))")
    }

    func testASinglePointIsOneCircleInTheMiddle() throws {
        let parsed = try ParsedSVG(TrainingChart(series: [.init(name: "valid BLEU", points: [(500, 12.5)], axis: .right)]).svg())
        XCTAssertTrue(parsed.all("polyline").isEmpty)
        let circles = parsed.all("circle", class: "point")
        XCTAssertEqual(circles.count, 1)
        let frame = try plotArea(parsed)
        XCTAssertEqual(Double(circles[0].attributes["cx"]!)!, frame.midX, accuracy: 0.01)
        XCTAssertEqual(Double(circles[0].attributes["cy"]!)!, frame.midY, accuracy: 0.01)
        XCTAssertFalse(parsed.all("text").map(\.text).contains("loss"), "no left axis without left series")
    }

    func testEqualValuesSitOnAFlatLineMidAxis() throws {
        let parsed = try ParsedSVG(TrainingChart(series: [.init(name: "flat", points: [(0, 3), (100, 3), (200, 3)])]).svg())
        let frame = try plotArea(parsed)
        let ys = parsed.all("circle", class: "point").map { Double($0.attributes["cy"]!)! }
        XCTAssertEqual(ys.count, 3)
        for y in ys { XCTAssertEqual(y, frame.midY, accuracy: 0.01) }
    }

    func testNonFinitePointsAndEmptySeriesAreSkipped() throws {
        let svg = TrainingChart(series: [
            .init(name: "empty", points: []),
            .init(name: "broken", points: [(0, .nan), (.infinity, 1)]),
            .init(name: "gappy", points: [(0, 1), (1, .nan), (2, 3), (3, -.infinity)]),
        ]).svg()
        let parsed = try ParsedSVG(svg)
        let texts = parsed.all("text").map(\.text)
        XCTAssertFalse(texts.contains("empty"))
        XCTAssertFalse(texts.contains("broken"))
        XCTAssertTrue(texts.contains("gappy"))
        XCTAssertEqual(parsed.all("circle", class: "point").count, 2)
        XCTAssertEqual(parsed.all("polyline").first?.attributes["stroke"], TrainingChart.palette[2], "colors follow the caller's order")
        XCTAssertFalse(svg.lowercased().contains("nan"))
        XCTAssertFalse(svg.lowercased().contains("inf"))
    }

    func testNothingToDrawSaysSo() throws {
        let parsed = try ParsedSVG(TrainingChart(series: [.init(name: "empty", points: [])]).svg())
        XCTAssertEqual(parsed.all("text").map(\.text), ["no data"])
        XCTAssertEqual(try ParsedSVG(TrainingChart.fromMetrics(jsonLines: "").svg()).all("text").map(\.text), ["no data"])
    }

    func testNamesAreEscaped() throws {
        let svg = TrainingChart(series: [.init(name: "loss <a&b>", points: [(0, 1), (1, 2)])], title: "run \"7\"").svg()
        XCTAssertTrue(svg.contains(">loss &lt;a&amp;b&gt;</text>"))
        XCTAssertTrue(svg.contains(">run &quot;7&quot;</text>"))
        XCTAssertTrue(try ParsedSVG(svg).all("text").map(\.text).contains("loss <a&b>"))
    }

    /// The plot area's frame: the one unfilled rect.
    private func plotArea(_ parsed: ParsedSVG) throws -> CGRect {
        let rect = try XCTUnwrap(parsed.all("rect").first { $0.attributes["fill"] == "none" })
        let value = { (name: String) in CGFloat(Double(rect.attributes[name]!)!) }
        return CGRect(x: value("x"), y: value("y"), width: value("width"), height: value("height"))
    }

    private func n(_ value: CGFloat) -> String { SVGElement.number(Double(value)) }
}
