import Files
import Foundation

/// A standalone SVG file: a white canvas of `width` x `height` user units (pixels) holding
/// `children` in paint order, later ones on top.
struct SVGDocument {
    var width: Double
    var height: Double
    var children: [SVGElement] = []

    mutating func append(_ element: SVGElement) {
        children.append(element)
    }

    func render() -> String {
        // The white background keeps the drawing readable in viewers with dark backgrounds.
        let background = SVGElement("rect", ["width": width, "height": height, "fill": "#ffffff"])
        let root = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "width": width, "height": height,
            "viewBox": "0 0 \(SVGElement.number(width)) \(SVGElement.number(height))",
            "font-family": "sans-serif", "font-size": SVGDocument.fontSize,
        ], children: [background] + children)
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        root.render(into: &output, depth: 0)
        return output
    }

    /// Text size in pixels unless an element says otherwise.
    static let fontSize = 12.0

    /// Estimated rendered width of `text`, since there are no font metrics to ask: 0.6 em per
    /// character, close for Latin sans-serif, and a full em for CJK and emoji, which would
    /// otherwise overflow their margins by two thirds.
    static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        text.reduce(0) { $0 + (isWide($1) ? 1 : 0.6) } * fontSize
    }

    /// East Asian wide and fullwidth characters (Unicode's EastAsianWidth W and F, main blocks)
    /// and emoji shown as pictures.
    private static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return scalar.properties.isEmojiPresentation
        }
    }

    /// Writes `svg` as UTF-8, replacing the file only once the whole text is on disk.
    static func write(_ svg: String, to path: String) throws {
        try FileReplacement.write(svg, to: path)
    }
}

/// One element: a name, attributes in the order given, then text or child elements. Rendering
/// escapes attribute values and text, so callers pass raw strings such as tokens.
struct SVGElement {
    var name: String
    var attributes: [(name: String, value: String)]
    var text: String?
    var children: [SVGElement]

    init(_ name: String, _ attributes: KeyValuePairs<String, any SVGAttributeValue> = [:],
         text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value.svgText) }
        self.text = text
        self.children = children
    }

    func render(into output: inout String, depth: Int) {
        output += String(repeating: "  ", count: depth) + "<" + name
        for attribute in attributes {
            output += " \(attribute.name)=\"\(SVGElement.escape(attribute.value))\""
        }
        if let text {
            output += ">" + SVGElement.escape(text) + "</\(name)>\n"
        } else if children.isEmpty {
            output += "/>\n"
        } else {
            output += ">\n"
            for child in children { child.render(into: &output, depth: depth + 1) }
            output += String(repeating: "  ", count: depth) + "</\(name)>\n"
        }
    }

    /// `text` safe inside XML content and double- or single-quoted attributes. Characters that
    /// XML 1.0 forbids outright (C0 controls other than tab, newline, return; U+FFFE, U+FFFF)
    /// have no legal escape, so they become U+FFFD rather than making the file unparseable.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            // As character references they survive attribute-value normalization to spaces.
            case "\t", "\n", "\r": escaped += "&#\(scalar.value);"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped.unicodeScalars.append("\u{FFFD}")
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `value` with at most two decimals and no trailing zeros: finer than 1/100 px is invisible
    /// and only makes the file bigger.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// A value that can stand in an attribute: strings as they are, numbers via `SVGElement.number`.
protocol SVGAttributeValue {
    var svgText: String { get }
}

extension String: SVGAttributeValue {
    var svgText: String { self }
}

extension Double: SVGAttributeValue {
    var svgText: String { SVGElement.number(self) }
}

extension Int: SVGAttributeValue {
    var svgText: String { String(self) }
}
