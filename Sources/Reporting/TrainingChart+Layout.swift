import Foundation

/// Where the chart's parts go, in pixels. Text sizes are estimates (`SVGDocument.textWidth`).
extension TrainingChart {
    enum Layout {
        static let padding = 12.0
        static let gap = 8.0
        static let titleFontSize = 14.0
        static let tickLength = 4.0
        static let markerRadius = 3.0
        /// Below this many pixels between neighboring points, markers would merge into a smear.
        static let markerSpacing = 8.0
        static let legendSample = 22.0
    }

    /// The plot area and the scales that map data onto it.
    struct Frame {
        let left, right, top, bottom: Double
        let x: NiceTicks
        let leftY: NiceTicks?
        let rightY: NiceTicks?

        init(chart: TrainingChart, drawn: [Plotted], top: Double) {
            func ticks(_ values: [Double]) -> NiceTicks? {
                values.isEmpty ? nil : NiceTicks(covering: values.min()!, values.max()!)
            }
            // The x axis ends with the data, not at the next round number, which could add
            // almost half the run's length as empty space; 2% on each side keeps the end points
            // off the frame.
            let xs = drawn.flatMap { $0.points.map(\.x) }
            let pad = (xs.max()! - xs.min()!) * 0.02
            x = NiceTicks(inside: xs.min()! - pad, xs.max()! + pad, count: 6)
            leftY = ticks(drawn.filter { $0.axis == .left }.flatMap { $0.points.map(\.y) })
            rightY = ticks(drawn.filter { $0.axis == .right }.flatMap { $0.points.map(\.y) })
            // Each side holds: axis label (rotated, one line high), gap, widest tick label, tick.
            func margin(_ ticks: NiceTicks?) -> Double {
                guard let ticks else { return Layout.padding }
                let widest = ticks.values.map { SVGDocument.textWidth(ticks.label($0)) }.max()!
                return Layout.padding + SVGDocument.fontSize + Layout.gap + widest + Layout.tickLength + 3
            }
            left = margin(leftY)
            // The last x tick label, centered on its tick, may need half its width past the edge.
            right = chart.width - max(margin(rightY), SVGDocument.textWidth(x.label(x.values.last!)) / 2 + Layout.padding)
            self.top = top
            bottom = chart.height - Layout.padding - 2 * SVGDocument.fontSize - Layout.gap - Layout.tickLength
        }

        func pixelX(_ value: Double) -> Double {
            left + (value - x.domain.lowerBound) / (x.domain.upperBound - x.domain.lowerBound) * (right - left)
        }

        func pixelY(_ value: Double, _ axis: Axis) -> Double {
            let domain = (axis == .left ? leftY : rightY)!.domain
            return bottom - (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * (bottom - top)
        }

        /// Circles for a lone point, and wherever neighbors are far enough apart to keep them apart.
        func needsMarkers(_ points: [(x: Double, y: Double)]) -> Bool {
            guard points.count > 1 else { return true }
            let xs = points.map(\.x)
            let spacing = (pixelX(xs.max()!) - pixelX(xs.min()!)) / Double(points.count - 1)
            return spacing >= Layout.markerSpacing
        }
    }

    /// Legend entries in rows above the plot, wrapping before an entry would pass the right edge.
    /// With series on both axes each name says which axis it reads from.
    struct Legend {
        struct Entry {
            var label: String
            /// Left end of the line sample, at the vertical middle of the row.
            var x, y: Double
        }

        let entries: [Entry]
        let height: Double

        init(_ drawn: [Plotted], chartWidth: Double, top: Double) {
            let rowHeight = SVGDocument.fontSize + 6
            let bothAxes = Set(drawn.map(\.axis)).count == 2
            var entries: [Entry] = []
            var x = Layout.padding, y = top + rowHeight / 2
            for series in drawn {
                let label = bothAxes ? "\(series.name) (\(series.axis == .left ? "left" : "right"))" : series.name
                let entryWidth = Layout.legendSample + 4 + SVGDocument.textWidth(label)
                if x > Layout.padding, x + entryWidth > chartWidth - Layout.padding {
                    x = Layout.padding
                    y += rowHeight
                }
                entries.append(Entry(label: label, x: x, y: y))
                x += entryWidth + 16
            }
            self.entries = entries
            height = y + rowHeight / 2 - top
        }
    }
}
