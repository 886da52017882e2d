import Foundation

/// One sentence's attention as an SVG grid: source tokens across the top, target tokens down the
/// left, and cell (t, i) shaded white → dark blue by how much output token t attended to source
/// token i. Hovering a cell in a browser shows its weight.
public struct AttentionHeatMap {
    public let sourceTokens: [String]
    public let targetTokens: [String]
    /// targetTokens.count x sourceTokens.count; weights[t][i] is target t's attention on source i.
    public let weights: [[Float]]
    public var title: String?

    /// Throws `ShapeError` unless there is one row per target token and one weight per source
    /// token in every row. Weights outside [0, 1] are drawn clamped; NaN and infinities in red.
    public init(sourceTokens: [String], targetTokens: [String], weights: [[Float]], title: String? = nil) throws {
        guard weights.count == targetTokens.count else {
            throw ShapeError(description: "the attention weights have \(weights.count) rows "
                + "but there are \(targetTokens.count) target tokens; need one row per target token")
        }
        for (t, row) in weights.enumerated() where row.count != sourceTokens.count {
            throw ShapeError(description: "attention row \(t) (target token \"\(targetTokens[t])\") has \(row.count) weights "
                + "but there are \(sourceTokens.count) source tokens; need one weight per source token")
        }
        self.sourceTokens = sourceTokens
        self.targetTokens = targetTokens
        self.weights = weights
        self.title = title
    }

    public struct ShapeError: Error, CustomStringConvertible {
        public let description: String
    }

    public func svg() -> String {
        let layout = Layout(self)
        var document = SVGDocument(width: layout.width, height: layout.height)
        if let title {
            document.append(SVGElement("text", ["x": Layout.padding, "y": Layout.padding + Layout.titleFontSize,
                                                "font-size": Layout.titleFontSize, "font-weight": "bold"], text: title))
        }
        document.append(SVGElement("g", ["shape-rendering": "crispEdges"], children: cells(layout)))
        document.append(grid(layout))
        document.append(SVGElement("g", children: labels(layout)))
        document.append(SVGElement("g", children: legend(layout)))
        return document.render()
    }

    public func write(to path: String) throws {
        try SVGDocument.write(svg(), to: path)
    }

    private static let scale = ColorScale.blues
    /// Not a color of the scale, so a non-finite weight cannot pass for a real one.
    private static let invalidColor = "#d62728"

    private func cells(_ layout: Layout) -> [SVGElement] {
        var cells: [SVGElement] = []
        cells.reserveCapacity(targetTokens.count * sourceTokens.count)
        for (t, row) in weights.enumerated() {
            for (i, weight) in row.enumerated() {
                let fill = weight.isFinite ? Self.scale.color(at: Double(weight)) : Self.invalidColor
                let tooltip = SVGElement("title", text: "\(sourceTokens[i]) → \(targetTokens[t]): \(String(format: "%.3f", weight))")
                cells.append(SVGElement("rect", [
                    "class": "cell", "x": layout.column(i), "y": layout.row(t),
                    "width": Layout.cell, "height": Layout.cell, "fill": fill,
                ], children: [tooltip]))
            }
        }
        return cells
    }

    /// One path for all grid lines, including the border.
    private func grid(_ layout: Layout) -> SVGElement {
        var path = ""
        for t in 0...targetTokens.count {
            path += "M\(SVGElement.number(layout.gridLeft)) \(SVGElement.number(layout.row(t)))H\(SVGElement.number(layout.gridRight))"
        }
        for i in 0...sourceTokens.count {
            path += "M\(SVGElement.number(layout.column(i))) \(SVGElement.number(layout.gridTop))V\(SVGElement.number(layout.gridBottom))"
        }
        return SVGElement("path", ["d": path, "fill": "none", "stroke": "#bdbdbd", "stroke-width": 0.5])
    }

    private func labels(_ layout: Layout) -> [SVGElement] {
        var labels: [SVGElement] = []
        // Baselines sit 0.35 em below the visual center of lowercase-and-capital text.
        let centering = 0.35 * SVGDocument.fontSize
        for (t, token) in targetTokens.enumerated() {
            labels.append(SVGElement("text", [
                "x": layout.gridLeft - Layout.gap, "y": layout.row(t) + Layout.cell / 2 + centering, "text-anchor": "end",
            ], text: token))
        }
        for (i, token) in sourceTokens.enumerated() {
            let anchor = layout.sourceAnchor(i)
            labels.append(SVGElement("text", [
                "x": anchor.x, "y": anchor.y,
                "transform": "rotate(\(SVGElement.number(Layout.angle)) \(SVGElement.number(anchor.x)) \(SVGElement.number(anchor.y)))",
            ], text: token))
        }
        return labels
    }

    /// A vertical bar from 0 (bottom) to 1 (top) using the cells' colors.
    private func legend(_ layout: Layout) -> [SVGElement] {
        let stops = Self.scale.gradientStops.map {
            SVGElement("stop", ["offset": $0.offset, "stop-color": $0.color])
        }
        let gradient = SVGElement("linearGradient", ["id": "attention-scale", "x1": 0, "y1": 1, "x2": 0, "y2": 0], children: stops)
        var legend = [
            SVGElement("defs", children: [gradient]),
            SVGElement("rect", ["x": layout.legendLeft, "y": layout.gridTop, "width": Layout.legendWidth,
                                "height": Layout.legendHeight, "fill": "url(#attention-scale)", "stroke": "#7f7f7f", "stroke-width": 0.5]),
        ]
        for value in [0.0, 0.5, 1.0] {
            let y = layout.gridTop + (1 - value) * Layout.legendHeight
            let right = layout.legendLeft + Layout.legendWidth
            legend.append(SVGElement("path", ["d": "M\(SVGElement.number(right)) \(SVGElement.number(y))h3", "stroke": "#7f7f7f"]))
            legend.append(SVGElement("text", ["x": right + 5, "y": y + 0.35 * SVGDocument.fontSize], text: value == 0.5 ? "0.5" : "\(Int(value))"))
        }
        return legend
    }
}

extension AttentionHeatMap {
    /// Where everything goes, in pixels. Text sizes are estimates (`SVGDocument.textWidth`), so
    /// the margins leave a little slack.
    struct Layout {
        static let padding = 10.0
        static let gap = 6.0
        static let cell = 24.0
        static let titleFontSize = 14.0
        /// Source labels rise to the upper right: long words fit without widening the columns.
        static let angle = -60.0
        static let legendWidth = 12.0
        static let legendHeight = 120.0
        static let legendLabelWidth = SVGDocument.textWidth("0.5")

        let gridLeft, gridTop, gridRight, gridBottom, legendLeft, width, height: Double
        private let sourceShift: Double

        init(_ map: AttentionHeatMap) {
            let font = SVGDocument.fontSize
            let radians = -Layout.angle * Double.pi / 180
            let titleHeight = map.title == nil ? 0 : Layout.titleFontSize + Layout.gap
            let targetWidth = map.targetTokens.map { SVGDocument.textWidth($0) }.max() ?? 0
            // A label w wide rotated by 60° rises w·sin 60° above its anchor, plus its glyph
            // height tilted by the same angle.
            let rise = map.sourceTokens.map { SVGDocument.textWidth($0) * sin(radians) + font * cos(radians) }.max() ?? 0
            // Whole pixels, so crisp-edged cells all come out the same size.
            gridLeft = (Layout.padding + targetWidth + Layout.gap).rounded(.up)
            gridTop = (Layout.padding + titleHeight + rise + Layout.gap).rounded(.up)
            gridRight = gridLeft + Double(map.sourceTokens.count) * Layout.cell
            gridBottom = gridTop + Double(map.targetTokens.count) * Layout.cell
            legendLeft = gridRight + 2 * Layout.gap
            // Shifting the anchor right by 0.35 em · sin 60° centers the rotated glyphs on the column.
            sourceShift = 0.35 * font * sin(radians)
            // … and each label reaches w·cos 60° right of its anchor, possibly past the legend.
            var reach = legendLeft + Layout.legendWidth + 5 + Layout.legendLabelWidth
            for (i, token) in map.sourceTokens.enumerated() {
                reach = max(reach, gridLeft + (Double(i) + 0.5) * Layout.cell + sourceShift + SVGDocument.textWidth(token) * cos(radians))
            }
            if let title = map.title {
                reach = max(reach, Layout.padding + SVGDocument.textWidth(title, fontSize: Layout.titleFontSize))
            }
            width = (reach + Layout.padding).rounded(.up)
            height = (max(gridBottom, gridTop + Layout.legendHeight) + Layout.padding).rounded(.up)
        }

        func column(_ i: Int) -> Double { gridLeft + Double(i) * Layout.cell }
        func row(_ t: Int) -> Double { gridTop + Double(t) * Layout.cell }

        /// The start of source token i's rotated baseline, just above the grid.
        func sourceAnchor(_ i: Int) -> (x: Double, y: Double) {
            (column(i) + Layout.cell / 2 + sourceShift, gridTop - Layout.gap)
        }
    }
}
