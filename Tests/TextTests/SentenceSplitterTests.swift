import Text
import XCTest

/// Sentence splitting with split-sentences.perl's rules: each case is a paragraph and the
/// sentences Moses gives it (worked out from the script's rules), plus the rules added for
/// languages Moses does not cover.
final class SentenceSplitterTests: XCTestCase {
    private func split(_ text: String, _ language: String = "en") -> [String] {
        SentenceSplitter(languageCode: language).sentences(in: text)
    }

    func testPeriodsQuestionAndExclamationMarksBeforeACapital() {
        XCTAssertEqual(split("Two dogs run. A cat sleeps. Is it late? Yes! Go home."),
                       ["Two dogs run.", "A cat sleeps.", "Is it late?", "Yes!", "Go home."])
        XCTAssertEqual(split("It was 1990. 1991 came next."), ["It was 1990.", "1991 came next."],
                       "a digit after a period starts a sentence")
        XCTAssertEqual(split("Is it 5? 6 is more."), ["Is it 5? 6 is more."], "not after ? or !")
    }

    func testNoBreakBeforeALowercaseWord() {
        XCTAssertEqual(split("a man is walking . a dog runs ."), ["a man is walking . a dog runs ."])
        XCTAssertEqual(split("He paid 3.5 percent. and left."), ["He paid 3.5 percent. and left."])
    }

    func testWhiteSpaceIsCollapsed() {
        XCTAssertEqual(split("  One  sentence.\tTwo\u{00A0}here.  "), ["One sentence.", "Two here."])
        XCTAssertEqual(split(" \t "), [])
        XCTAssertEqual(split("no final period"), ["no final period"])
    }

    func testNonbreakingPrefixes() {
        XCTAssertEqual(split("Mr. Smith met Dr. Jones. They talked."), ["Mr. Smith met Dr. Jones.", "They talked."])
        XCTAssertEqual(split("J. R. Smith wrote it. Then he left."), ["J. R. Smith wrote it.", "Then he left."])
        // A prefix that holds only before a number.
        XCTAssertEqual(split("See No. 5 on the list. Thanks."), ["See No. 5 on the list.", "Thanks."])
        XCTAssertEqual(split("I said No. You heard."), ["I said No.", "You heard."])
        // German ordinals and abbreviations; French titles.
        XCTAssertEqual(split("Am 3. Mai kam er. Er blieb bzw. Er ging.", "de"), ["Am 3. Mai kam er.", "Er blieb bzw. Er ging."])
        XCTAssertEqual(split("M. Dupont est là. Il part.", "fr"), ["M. Dupont est là.", "Il part."])
        XCTAssertEqual(split("Am 3. Mai kam er.", "en"), ["Am 3.", "Mai kam er."], "English keeps no ordinals")
        XCTAssertEqual(split("M. Dupont est là. Il part.", "de-AT"), ["M. Dupont est là.", "Il part."],
                       "a region subtag keeps the language's list; M is a capital initial")
    }

    func testUppercaseAcronyms() {
        XCTAssertEqual(split("The U.S. Army came. It left."), ["The U.S. Army came.", "It left."])
        XCTAssertEqual(split("Es gibt z.B. Äpfel. Und Birnen.", "de"), ["Es gibt z.B. Äpfel.", "Und Birnen."])
    }

    func testMultiplePeriods() {
        XCTAssertEqual(split("Wait... Then go."), ["Wait...", "Then go."])
        XCTAssertEqual(split("Wait... then go."), ["Wait... then go."])
    }

    func testQuotesAndBrackets() {
        XCTAssertEqual(split(#"He said "Stop." Then he left."#), [#"He said "Stop.""#, "Then he left."])
        XCTAssertEqual(split("It costs 5 dollars. (But not always.) Fine."),
                       ["It costs 5 dollars.", "(But not always.)", "Fine."])
        XCTAssertEqual(split("Really? “Yes,” she said."), ["Really?", "“Yes,” she said."])
        XCTAssertEqual(split("Er sagte: „Geh.“ Dann ging er.", "de"), ["Er sagte: „Geh.“", "Dann ging er."])
        XCTAssertEqual(split("¿Vienes? ¡Sí! Vale.", "es"), ["¿Vienes?", "¡Sí!", "Vale."])
        // Moses breaks after a prefix when quotes and a capital follow.
        XCTAssertEqual(split(#"Ask Mr. "Big" now."#), [#"Ask Mr."#, #""Big" now."#])
    }

    func testScriptsWithoutCase() {
        XCTAssertEqual(split("你好。我很好！谢谢。", "zh"), ["你好。", "我很好！", "谢谢。"])
        XCTAssertEqual(split("他说：“走。”然后走了。", "zh"), ["他说：“走。”", "然后走了。"])
        XCTAssertEqual(split("مرحبا؟ أنا بخير.", "ar"), ["مرحبا؟", "أنا بخير."])
        XCTAssertEqual(split("नमस्ते। आप कैसे हैं?", "hi"), ["नमस्ते।", "आप कैसे हैं?"])
        XCTAssertEqual(split("Привет. Как дела?", "ru"), ["Привет.", "Как дела?"])
    }
}
