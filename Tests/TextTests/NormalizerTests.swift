import Text
import XCTest

final class NormalizerTests: XCTestCase {
    func testComposesDecomposedCharacters() {
        let decomposed = "Cafe\u{301} cre\u{300}me"
        let normalized = Normalizer(language: .french).normalize(decomposed)
        XCTAssertEqual(Array(normalized.unicodeScalars), Array("Caf\u{E9} cr\u{E8}me".unicodeScalars))
    }

    func testLowercasesOnlyWhenAsked() {
        XCTAssertEqual(Normalizer(language: .german, lowercase: true).normalize("Große ÄPFEL"), "große äpfel")
        XCTAssertEqual(Normalizer(language: .german).normalize("Große ÄPFEL"), "Große ÄPFEL")
    }

    func testGermanQuotesBecomeASCIIAndPeriodMovesOutside() {
        let normalizer = Normalizer(language: .german)
        XCTAssertEqual(normalizer.normalize("Sie sagt: „Wir sind alle Arbeitnehmer.“"),
                       "Sie sagt: \"Wir sind alle Arbeitnehmer\".")
        XCTAssertEqual(normalizer.normalize("„Hallo“, sagte sie."), "\"Hallo\", sagte sie.")
    }

    func testEnglishPutsCommaInsideQuotes() {
        XCTAssertEqual(Normalizer(language: .english).normalize("He said \"stop\", then left."),
                       "He said \"stop,\" then left.")
    }

    func testApostropheBetweenLettersOtherwiseQuote() {
        let normalizer = Normalizer(language: .french)
        XCTAssertEqual(normalizer.normalize("s\u{2019}entra\u{EE}ne"), "s'entra\u{EE}ne")
        // Not between ASCII letters: the script reads bytes, so é does not count as a letter.
        XCTAssertEqual(normalizer.normalize("l\u{2019}\u{E9}ponge"), "l\"\u{E9}ponge")
    }

    func testFrenchGuillemetsAndNoBreakSpaces() {
        let normalizer = Normalizer(language: .french)
        XCTAssertEqual(normalizer.normalize("« Bonjour » dit-il\u{A0}: 10\u{A0}%"), "\"Bonjour\" dit-il: 10%")
    }

    func testSpacingAroundBracketsAndDashes() {
        let normalizer = Normalizer(language: .english)
        XCTAssertEqual(normalizer.normalize("a ( b ) , c\u{2014}d \u{2013} e\u{2026}"), "a (b), c - d - e...")
        XCTAssertEqual(normalizer.normalize("a `quote'' here"), "a 'quote \" here")
    }

    func testLeavesPlainLinesAlone() {
        let line = "Two young, White males are outside near many bushes."
        XCTAssertEqual(Normalizer(language: .english).normalize(line), line)
        XCTAssertEqual(Normalizer(language: .english, normalizePunctuation: false).normalize("a ( b )"), "a ( b )")
    }
}
