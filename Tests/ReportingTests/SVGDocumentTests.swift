@testable import Reporting
import XCTest

final class SVGDocumentTests: XCTestCase {
    func testEscapingCoversTheFiveXMLSpecialCharacters() {
        XCTAssertEqual(SVGElement.escape(#"<a href="x">Tom & Jerry's</a>"#),
                       "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;")
        XCTAssertEqual(SVGElement.escape("Straße ▁der 日本"), "Straße ▁der 日本")
        XCTAssertEqual(SVGElement.escape("a\u{0}b\u{1B}c\td\ne"), "a\u{FFFD}b\u{FFFD}c&#9;d&#10;e")
    }

    func testNumbersHaveAtMostTwoDecimals() {
        XCTAssertEqual(SVGElement.number(12), "12")
        XCTAssertEqual(SVGElement.number(12.5), "12.5")
        XCTAssertEqual(SVGElement.number(1 / 3), "0.33")
        XCTAssertEqual(SVGElement.number(2.999), "3")
        XCTAssertEqual(SVGElement.number(-0.001), "0")
        XCTAssertEqual(SVGElement.number(-7.25), "-7.25")
    }

    func testTextWidthGivesWideCharactersAFullEm() {
        XCTAssertEqual(SVGDocument.textWidth("house"), 5 * 0.6 * 12, accuracy: 1e-9)
        XCTAssertEqual(SVGDocument.textWidth("日本語"), 3 * 12, accuracy: 1e-9)
        XCTAssertEqual(SVGDocument.textWidth("한국"), 2 * 12, accuracy: 1e-9)
        // One character each, however many scalars: "é" as e + combining accent, a flag.
        XCTAssertEqual(SVGDocument.textWidth("e\u{301}"), 0.6 * 12, accuracy: 1e-9)
        XCTAssertEqual(SVGDocument.textWidth("🇩🇪"), 12, accuracy: 1e-9)
    }

    func testElementsRenderAttributesInOrderAndNestChildren() {
        var document = SVGDocument(width: 30, height: 20.5)
        document.append(SVGElement("g", ["class": "a"], children: [SVGElement("text", ["x": 1.5, "y": 2], text: "<hi>")]))
        XCTAssertEqual(document.render(), """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="30" height="20.5" viewBox="0 0 30 20.5" font-family="sans-serif" font-size="12">
              <rect width="30" height="20.5" fill="#ffffff"/>
              <g class="a">
                <text x="1.5" y="2">&lt;hi&gt;</text>
              </g>
            </svg>

            """)
    }

    /// Showed `Error Domain=NSCocoaErrorDomain Code=… "…" UserInfo={…}` before the mapping.
    func testSVGWriteFailureNamesTheFileAndTheReason() {
        XCTAssertThrowsError(try SVGDocument.write("<svg/>", to: "/nonexistent-nmt-dir/heat.svg")) { error in
            XCTAssertEqual("\(error)", "cannot write /nonexistent-nmt-dir/heat.svg: no such file or directory")
        }
    }
}
