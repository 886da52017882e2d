@testable import Server
import Text
import XCTest

/// Texts and HTML cut into sentences and put back together around their translations, without a
/// model: "translating" here is uppercasing.
final class DocumentLayoutTests: XCTestCase {
    private let splitter = SentenceSplitter(languageCode: "en")

    func testParagraphsLineBreaksAndIndentationAreKept() {
        let text = "The cat runs. A dog sees it.\n\n  Red tree.\r\nSmall house! Big tree.\n\n\nEnd"
        let document = TextDocument(text, splitter: splitter)
        XCTAssertEqual(document.sentences, ["The cat runs.", "A dog sees it.", "Red tree.", "Small house!", "Big tree.", "End"])
        XCTAssertEqual(document.joined(document.sentences.map { $0.uppercased() }),
                       "THE CAT RUNS. A DOG SEES IT.\n\n  RED TREE.\r\nSMALL HOUSE! BIG TREE.\n\n\nEND")
    }

    func testWhiteSpaceOnlyTextHasNoSentences() {
        for text in ["", " ", "\n\n", " \t\n "] {
            let document = TextDocument(text, splitter: splitter)
            XCTAssertEqual(document.sentences, [], text.debugDescription)
            XCTAssertEqual(document.joined([String]()), text)
        }
    }

    func testHTMLKeepsTheMarkupAndTranslatesTheText() {
        let html = #"<p class="a>b">The cat runs. A dog &amp; a cat.</p><!-- keep. This --><br/> <b>Red</b> tree&nbsp;<script>var x = "<b>a</b>";</script>"#
        let document = HTMLDocument(html, splitter: splitter)
        XCTAssertEqual(document.sentences, ["The cat runs.", "A dog & a cat.", "Red", "tree"])
        XCTAssertEqual(document.joined(["Eins.", "Zwei <&> drei.", "Rot", "Baum"]),
                       #"<p class="a>b">Eins. Zwei &lt;&amp;&gt; drei.</p><!-- keep. This --><br/> <b>Rot</b> Baum"# + "\u{00A0}"
                        + #"<script>var x = "<b>a</b>";</script>"#)
    }

    func testALessThanSignThatStartsNoTagIsText() {
        let document = HTMLDocument("1 < 2 and 3 > 2. <i>Yes</i>", splitter: splitter)
        XCTAssertEqual(document.sentences, ["1 < 2 and 3 > 2.", "Yes"])
        XCTAssertEqual(document.joined(["a < b", "c"]), "a &lt; b <i>c</i>")
    }

    func testCharacterReferences() {
        XCTAssertEqual(HTMLDocument.decodeReferences("caf&#233; &#x263A; &lt;&gt; &unknown; & &amp"), "café ☺ <> &unknown; & &amp")
    }
}
