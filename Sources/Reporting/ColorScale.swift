import Foundation

/// Colors for values in [0, 1], interpolated linearly in sRGB between evenly spaced stops.
struct ColorScale {
    /// 0xRRGGBB; stops[0] is the color of 0, stops.last the color of 1.
    let stops: [UInt32]

    /// ColorBrewer's sequential "Blues", white to dark blue. Its lightness falls monotonically,
    /// so darker always means larger, also when printed in gray.
    static let blues = ColorScale(stops: [
        0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b,
    ])

    /// `#rrggbb` for `value` clamped to [0, 1].
    func color(at value: Double) -> String {
        precondition(!value.isNaN, "a color scale has no color for NaN")
        let position = min(max(value, 0), 1) * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let fraction = position - Double(lower)
        var rgb: UInt32 = 0
        for shift: UInt32 in [16, 8, 0] {
            let from = Double((stops[lower] >> shift) & 0xff)
            let to = Double((stops[lower + 1] >> shift) & 0xff)
            rgb |= UInt32((from + (to - from) * fraction).rounded()) << shift
        }
        return ColorScale.hex(rgb)
    }

    /// The stops as (offset, color) pairs for an SVG `linearGradient`; a gradient drawn with them
    /// shows exactly the colors `color(at:)` gives, since both interpolate linearly in sRGB.
    var gradientStops: [(offset: Double, color: String)] {
        stops.enumerated().map { (Double($0.offset) / Double(stops.count - 1), ColorScale.hex($0.element)) }
    }

    static func hex(_ rgb: UInt32) -> String {
        "#" + String(format: "%06x", rgb)
    }
}
