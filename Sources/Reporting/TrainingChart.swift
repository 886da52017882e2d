import Foundation

/// A line chart of training curves against update number, with two y axes so losses (left) and
/// BLEU (right) share one picture. Series with points far apart (validation) are drawn as circles
/// joined by a line, dense ones (training loss) as a line alone; right-axis series are dashed.
public struct TrainingChart {
    public enum Axis {
        case left, right
    }

    public struct Series {
        public var name: String
        /// Joined in this order; points with a NaN or infinite coordinate are left out.
        public var points: [(x: Double, y: Double)]
        public var axis: Axis

        public init(name: String, points: [(x: Double, y: Double)], axis: Axis = .left) {
            self.name = name
            self.points = points
            self.axis = axis
        }
    }

    /// Series with no finite points are left out, legend included.
    public var series: [Series]
    public var title: String?
    public var xLabel = "update"
    public var leftLabel = "loss"
    public var rightLabel = "BLEU"
    /// Canvas size in pixels.
    public var width = 720.0
    public var height = 420.0

    public init(series: [Series], title: String? = nil) {
        self.series = series
        self.title = title
    }

    public func svg() -> String {
        var document = SVGDocument(width: width, height: height)
        // Colors follow the caller's order, so a series keeps its color when another is empty.
        var drawn = series.enumerated().compactMap { index, series -> Plotted? in
            let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
            guard !points.isEmpty else { return nil }
            return Plotted(name: series.name, points: points, axis: series.axis, color: Self.palette[index % Self.palette.count])
        }
        var top = Layout.padding
        if let title {
            document.append(SVGElement("text", ["x": Layout.padding, "y": top + Layout.titleFontSize,
                                                "font-size": Layout.titleFontSize, "font-weight": "bold"], text: title))
            top += Layout.titleFontSize + Layout.gap
        }
        guard !drawn.isEmpty else {
            document.append(SVGElement("text", ["x": width / 2, "y": height / 2, "text-anchor": "middle", "fill": "#7f7f7f"], text: "no data"))
            return document.render()
        }
        let legend = Legend(drawn, chartWidth: width, top: top)
        let frame = Frame(chart: self, drawn: drawn, top: top + legend.height + Layout.gap)
        for i in drawn.indices {
            drawn[i].hasMarkers = frame.needsMarkers(drawn[i].points)
        }
        drawAxes(frame, into: &document)
        for series in drawn {
            document.append(line(series, frame))
        }
        for (series, entry) in zip(drawn, legend.entries) {
            document.append(legendEntry(series, entry))
        }
        return document.render()
    }

    public func write(to path: String) throws {
        try SVGDocument.write(svg(), to: path)
    }

    /// Tableau's ten categorical colors: distinct from each other, also for common color blindness.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// A series reduced to what gets drawn.
    struct Plotted {
        var name: String
        var points: [(x: Double, y: Double)]
        var axis: Axis
        var color: String
        var hasMarkers = false
    }

    private func drawAxes(_ frame: Frame, into document: inout SVGDocument) {
        let font = SVGDocument.fontSize
        func n(_ value: Double) -> String { SVGElement.number(value) }
        var grid = "", ticks = "", labels: [SVGElement] = []
        for value in frame.x.values {
            let x = frame.pixelX(value)
            grid += "M\(n(x)) \(n(frame.top))V\(n(frame.bottom))"
            ticks += "M\(n(x)) \(n(frame.bottom))v\(n(Layout.tickLength))"
            labels.append(SVGElement("text", ["x": x, "y": frame.bottom + Layout.tickLength + font + 1, "text-anchor": "middle"],
                                     text: frame.x.label(value)))
        }
        // Horizontal grid lines follow the left axis, or the right one when it is alone.
        for (axis, yTicks) in [(Axis.left, frame.leftY), (.right, frame.rightY)] {
            guard let yTicks else { continue }
            let edge = axis == .left ? frame.left : frame.right
            let outward = axis == .left ? -Layout.tickLength : Layout.tickLength
            for value in yTicks.values {
                let y = frame.pixelY(value, axis)
                if axis == .left || frame.leftY == nil {
                    grid += "M\(n(frame.left)) \(n(y))H\(n(frame.right))"
                }
                ticks += "M\(n(edge)) \(n(y))h\(n(outward))"
                labels.append(SVGElement("text", ["x": edge + outward * 1.75, "y": y + 0.35 * font,
                                                  "text-anchor": axis == .left ? "end" : "start"], text: yTicks.label(value)))
            }
        }
        document.append(SVGElement("path", ["d": grid, "fill": "none", "stroke": "#e5e5e5", "stroke-width": 1]))
        document.append(SVGElement("rect", ["x": frame.left, "y": frame.top, "width": frame.right - frame.left,
                                            "height": frame.bottom - frame.top, "fill": "none", "stroke": "#595959"]))
        document.append(SVGElement("path", ["d": ticks, "fill": "none", "stroke": "#595959"]))
        document.append(SVGElement("g", ["fill": "#333333"], children: labels))

        let middleY = (frame.top + frame.bottom) / 2
        document.append(SVGElement("text", ["x": (frame.left + frame.right) / 2, "y": height - Layout.padding,
                                            "text-anchor": "middle"], text: xLabel))
        if frame.leftY != nil {
            let x = Layout.padding + font
            document.append(SVGElement("text", ["x": x, "y": middleY, "text-anchor": "middle",
                                                "transform": "rotate(-90 \(n(x)) \(n(middleY)))"], text: leftLabel))
        }
        if frame.rightY != nil {
            // Read bottom to top like the left label; the glyphs then lie left of the baseline.
            let x = width - Layout.padding
            document.append(SVGElement("text", ["x": x, "y": middleY, "text-anchor": "middle",
                                                "transform": "rotate(-90 \(n(x)) \(n(middleY)))"], text: rightLabel))
        }
    }

    private func line(_ series: Plotted, _ frame: Frame) -> SVGElement {
        let pixels = series.points.map { (x: frame.pixelX($0.x), y: frame.pixelY($0.y, series.axis)) }
        var parts: [SVGElement] = []
        if pixels.count > 1 {
            parts.append(stroked(series, "polyline", "points", pixels.map { "\(SVGElement.number($0.x)),\(SVGElement.number($0.y))" }.joined(separator: " ")))
        }
        if series.hasMarkers {
            parts += pixels.map { marker(series, x: $0.x, y: $0.y, class: "point") }
        }
        return SVGElement("g", ["class": "series"], children: parts)
    }

    /// A line sample, a marker if the series has them, and the name.
    private func legendEntry(_ series: Plotted, _ entry: Legend.Entry) -> SVGElement {
        let (x, y) = (entry.x, entry.y)
        var parts = [stroked(series, "path", "d", "M\(SVGElement.number(x)) \(SVGElement.number(y))h\(SVGElement.number(Layout.legendSample))")]
        if series.hasMarkers {
            parts.append(marker(series, x: x + Layout.legendSample / 2, y: y, class: "legend-marker"))
        }
        parts.append(SVGElement("text", ["x": x + Layout.legendSample + 4, "y": y + 0.35 * SVGDocument.fontSize], text: entry.label))
        return SVGElement("g", ["class": "legend"], children: parts)
    }

    /// An unfilled shape in the series' color: solid on the left axis, dashed on the right.
    private func stroked(_ series: Plotted, _ name: String, _ geometryAttribute: String, _ geometry: String) -> SVGElement {
        SVGElement(name, [geometryAttribute: geometry, "fill": "none", "stroke": series.color, "stroke-width": 1.5,
                          "stroke-linejoin": "round", "stroke-dasharray": series.axis == .right ? "5 3" : "none"])
    }

    private func marker(_ series: Plotted, x: Double, y: Double, class className: String) -> SVGElement {
        SVGElement("circle", ["class": className, "cx": x, "cy": y, "r": Layout.markerRadius, "fill": series.color,
                              "stroke": "#ffffff", "stroke-width": 1])
    }
}
