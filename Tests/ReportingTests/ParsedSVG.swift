import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG text read back with Foundation's XML parser: proof that it is well-formed XML, and its
/// elements for tests to inspect without matching on formatting.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Character data directly inside the element, entities resolved.
        var text = ""
    }

    /// In document order.
    private(set) var elements: [Element] = []

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    /// Throws `NotWellFormed` with the parser's complaint and where it arose.
    init(_ svg: String) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw NotWellFormed(description: "not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): "
                + (parser.parserError.map { "\($0)" } ?? "unknown error"))
        }
        elements = collector.elements
    }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }
    }
}
