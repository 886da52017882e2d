@testable import Evaluation
import XCTest

/// Expected strings are sacrebleu 2.6.0's output, obtained once with
/// `from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a; Tokenizer13a()(line)`.
final class Tokenizer13aTests: XCTestCase {
    private let tokenize = Tokenizer13a()

    func testPunctuationIsSeparatedButApostrophesStay() {
        XCTAssertEqual(tokenize("Hello, world!"), "Hello , world !")
        XCTAssertEqual(tokenize("Tom's cafe' 'quoted'"), "Tom's cafe' 'quoted'")
        XCTAssertEqual(tokenize(#"(hi) [x] {y} @home #tag $5 % a/b c\d ~e^f_g`h|i"#),
                       #"( hi ) [ x ] { y } @ home # tag $ 5 % a / b c \ d ~ e ^ f _ g ` h | i"#)
    }

    func testDigitsKeepTheirPeriodsAndCommas() {
        XCTAssertEqual(tokenize("It's 1,000.50 dollars."), "It's 1,000.50 dollars .")
        XCTAssertEqual(tokenize("e.g., 1.5-2"), "e . g . , 1.5 - 2")
    }

    /// `re.sub` matches do not overlap: in `5.,6` the pair `.,` is split, but then `,6` is not a
    /// match of `([^0-9])([.,])` because the scan has moved past the period.
    func testPeriodAndCommaRulesScanWithoutOverlap() {
        XCTAssertEqual(tokenize("a.b,c U.S.A. x.,y 5.,6 .5 ,5"),
                       "a . b , c U . S . A . x . , y 5 . , 6 . 5 , 5")
    }

    /// Dashes split only after a digit, so `2--3` keeps `-3` and words keep their hyphens.
    func testDashesSplitOnlyAfterADigit() {
        XCTAssertEqual(tokenize("3-4 people - mid-air, 10-20."), "3 - 4 people - mid-air , 10 - 20 .")
        XCTAssertEqual(tokenize("x--y 2--3"), "x--y 2 - -3")
    }

    /// Four entities are unescaped, each in one pass in the order quot, amp, lt, gt: `&amp;lt;`
    /// becomes `&lt;` and then `<`, while `&amp;quot;` becomes `&quot;` after the quot pass.
    func testEntitiesAreUnescaped() {
        XCTAssertEqual(tokenize("&quot;Hi&quot; &amp; &lt;b&gt; &amp;lt;"), #"" Hi " & < b > <"#)
        XCTAssertEqual(tokenize("&amp;quot;x&amp;quot; &amp;amp;"), "& quot ; x & quot ; & amp ;")
    }

    func testSkippedMarkersAndHyphenatedLineBreaks() {
        XCTAssertEqual(tokenize("<skipped>line-\nbreak\nnext"), "linebreak next")
    }

    func testNonASCIIPunctuationIsLeftAlone() {
        XCTAssertEqual(tokenize("„Anführungszeichen“ – … ¿qué?"), "„Anführungszeichen“ – … ¿qué ?")
    }

    func testEmptyAndBlankLinesHaveNoTokens() {
        XCTAssertEqual(tokenize.tokens(""), [])
        XCTAssertEqual(tokenize.tokens("  \t "), [])
    }
}
