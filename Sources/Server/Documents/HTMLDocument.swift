import Foundation
import Text

/// An HTML text for format "html": the markup is kept as it is and the text between tags is
/// translated, each run of text as a `TextDocument`. Comments and the contents of `<script>` and
/// `<style>` are markup. Character references in the text (`&amp;`, `&#233;`, `&nbsp;`…) are
/// decoded before translating, and `&`, `<` and `>` in translations are written escaped.
///
/// Inline tags cut sentences: `Hello <b>world</b>.` is translated as three pieces.
struct HTMLDocument {
    /// The sentences to translate, run after run.
    let sentences: [String]
    private let parts: [Part]

    private enum Part {
        case markup(Substring)
        case text(TextDocument)
    }

    init(_ html: String, splitter: SentenceSplitter) {
        var parts: [Part] = []
        var sentences: [String] = []
        var index = html.startIndex
        var textStart = index
        func endText(at end: String.Index) {
            guard textStart < end else { return }
            let document = TextDocument(Self.decodeReferences(html[textStart..<end]), splitter: splitter)
            sentences += document.sentences
            parts.append(.text(document))
        }
        while let open = html[index...].firstIndex(of: "<") {
            guard let markupEnd = Self.markupEnd(in: html, at: open) else {
                index = html.index(after: open)
                continue
            }
            endText(at: open)
            parts.append(.markup(html[open..<markupEnd]))
            index = markupEnd
            textStart = markupEnd
        }
        endText(at: html.endIndex)
        self.parts = parts
        self.sentences = sentences
    }

    /// The HTML with each sentence replaced by its translation, escaped.
    func joined(_ translations: some Collection<String>) -> String {
        precondition(translations.count == sentences.count, "one translation per sentence")
        var html = ""
        var next = translations.startIndex
        for part in parts {
            switch part {
            case .markup(let markup):
                html += markup
            case .text(let document):
                let end = translations.index(next, offsetBy: document.sentences.count)
                html += Self.escape(document.joined(translations[next..<end]))
                next = end
            }
        }
        return html
    }

    /// Where the markup starting with the `<` at `open` ends, or nil when that `<` is text (not
    /// followed by a tag name, `/`, `!` or `?`). A tag runs to its `>` outside quoted attribute
    /// values; an unclosed one, a comment or a script runs to the end.
    private static func markupEnd(in html: String, at open: String.Index) -> String.Index? {
        let rest = html[html.index(after: open)...]
        guard let first = rest.first, first.isLetter || first == "/" || first == "!" || first == "?" else { return nil }
        if rest.hasPrefix("!--") {
            return rest.range(of: "-->")?.upperBound ?? html.endIndex
        }
        var quote: Character?
        var tagEnd = html.endIndex
        for index in rest.indices {
            let character = rest[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                tagEnd = rest.index(after: index)
                break
            }
        }
        // Script and style contents are not text: the markup runs to their closing tag.
        let name = rest.prefix { $0.isLetter || $0.isNumber }.lowercased()
        if name == "script" || name == "style", let close = html[tagEnd...].range(of: "</\(name)", options: .caseInsensitive) {
            return html[close.upperBound...].firstIndex(of: ">").map(html.index(after:)) ?? html.endIndex
        }
        return tagEnd
    }

    /// Text with `&name;`, `&#N;` and `&#xH;` references replaced by their characters; an
    /// unknown or malformed one is left as it is.
    static func decodeReferences(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var decoded = ""
        var index = text.startIndex
        while let ampersand = text[index...].firstIndex(of: "&") {
            decoded += text[index..<ampersand]
            let afterAmpersand = text.index(after: ampersand)
            if let semicolon = text[afterAmpersand...].prefix(32).firstIndex(of: ";"),
               let character = character(named: text[afterAmpersand..<semicolon]) {
                decoded.append(character)
                index = text.index(after: semicolon)
            } else {
                decoded.append("&")
                index = afterAmpersand
            }
        }
        decoded += text[index...]
        return decoded
    }

    private static func character(named name: Substring) -> Character? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return namedReferences[String(name)]
    }

    private static let namedReferences: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "copy": "©", "reg": "®", "hellip": "…", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
    ]

    private static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
