import Text
import XCTest

final class TokenizerTests: XCTestCase {
    private func tokens(_ line: String, _ language: Language, lowercase: Bool = false) -> [String] {
        TextPipeline(language: language, lowercase: lowercase).tokens(of: line)
    }

    func testEnglish() {
        XCTAssertEqual(tokens("Hello, world! It's 5,300 dollars (roughly).", .english),
                       ["Hello", ",", "world", "!", "It", "'s", "5,300", "dollars", "(", "roughly", ")", "."])
        XCTAssertEqual(tokens("He doesn't like Mr. Smith's car.", .english),
                       ["He", "doesn", "'t", "like", "Mr.", "Smith", "'s", "car", "."])
        XCTAssertEqual(tokens("The 1990's were great; ask the kids' parents.", .english),
                       ["The", "1990", "'s", "were", "great", ";", "ask", "the", "kids", "'", "parents", "."])
        XCTAssertEqual(tokens("A well-known U.S. firm paid 3.5 percent... twice", .english),
                       ["A", "well-known", "U.S.", "firm", "paid", "3.5", "percent", "...", "twice"])
    }

    func testEnglishLowercasedLikeMulti30k() {
        // After lowercasing a period followed by a lowercase word stays on its word.
        XCTAssertEqual(tokens("A man doing the splits. Located on a mountainside.", .english, lowercase: true),
                       ["a", "man", "doing", "the", "splits.", "located", "on", "a", "mountainside", "."])
        XCTAssertEqual(tokens("A little boy playing Gamecube at a McDonald's.", .english, lowercase: true),
                       ["a", "little", "boy", "playing", "gamecube", "at", "a", "mcdonald", "'s", "."])
    }

    func testQuoteClosedAfterFinalPeriod() {
        XCTAssertEqual(tokens("A man and a woman on a motorcycle.`", .english, lowercase: true),
                       ["a", "man", "and", "a", "woman", "on", "a", "motorcycle", ".", "'"])
    }

    func testGerman() {
        XCTAssertEqual(tokens("Der Mann trägt z.B. einen Hut, ca. 5 Meter hoch.", .german),
                       ["Der", "Mann", "trägt", "z.B.", "einen", "Hut", ",", "ca.", "5", "Meter", "hoch", "."])
        XCTAssertEqual(tokens("Am 3. Mai isst er bei McDonald's.", .german),
                       ["Am", "3.", "Mai", "isst", "er", "bei", "McDonald", "'", "s."])
        XCTAssertEqual(tokens("„Hallo“, sagte sie: „Komm!“", .german),
                       ["\"", "Hallo", "\"", ",", "sagte", "sie", ":", "\"", "Komm", "!", "\""])
    }

    func testFrench() {
        XCTAssertEqual(tokens("L'homme qu'il a vu aujourd'hui est là.", .french),
                       ["L'", "homme", "qu'", "il", "a", "vu", "aujourd'", "hui", "est", "là", "."])
        XCTAssertEqual(tokens("« Bonjour ! » dit-il, il coûte 10,5 €.", .french),
                       ["\"", "Bonjour", "!", "\"", "dit-il", ",", "il", "coûte", "10,5", "€", "."])
    }

    func testCzech() throws {
        // Czech abbreviations keep their period, even at the end; quotes stay where they are;
        // apostrophes split off on both sides.
        XCTAssertEqual(tokens("Viděli jsme psy, kočky atd.", .czech), ["Viděli", "jsme", "psy", ",", "kočky", "atd."])
        XCTAssertEqual(tokens("Např. pan Novák, tzv. „král“, přišel.", .czech),
                       ["Např.", "pan", "Novák", ",", "tzv.", "\"", "král", "\"", ",", "přišel", "."])
        XCTAssertEqual(tokens("Nápis \"vítejte motorkáři.\"", .czech, lowercase: true),
                       ["nápis", "\"", "vítejte", "motorkáři", ".", "\""])
        XCTAssertEqual(tokens("Terrible's.", .czech), ["Terrible", "'", "s."])
        // A word that is also an abbreviation elsewhere (bot. = botany) is a word here: "shoes".
        XCTAssertEqual(tokens("Běží bez bot.", .czech), ["Běží", "bez", "bot", "."])
    }

    /// A language without rules of its own: apostrophes split off on both sides, quotes stay,
    /// Moses' fallback abbreviations (the English list).
    func testLanguageWithoutRules() throws {
        let portuguese = try Language(code: "pt-BR")
        XCTAssertEqual(tokens("Olha o Dr. Silva na rua d'Ouro.", portuguese),
                       ["Olha", "o", "Dr.", "Silva", "na", "rua", "d", "'", "Ouro", "."])
        XCTAssertEqual(tokens("Ele disse \"olá.\"", portuguese), ["Ele", "disse", "\"", "olá", ".", "\""])
        XCTAssertEqual(tokens("Ele disse \"olá.\"", .german), ["Ele", "disse", "\"", "olá", "\"", "."])
    }

    /// Combining marks stay on their letters, in any script: Thai tone marks, Devanagari signs.
    func testCombiningMarksStayOnTheirLetters() throws {
        XCTAssertEqual(tokens("ต้นไม้ใหญ่, สวย!", try Language(code: "th")), ["ต้นไม้ใหญ่", ",", "สวย", "!"])
        XCTAssertEqual(tokens("नमस्ते दुनिया!", try Language(code: "hi")), ["नमस्ते", "दुनिया", "!"])
    }

    func testWhiteSpaceAndControlCharacters() {
        XCTAssertEqual(Tokenizer(language: .english).tokenize("  a\tb\u{A0}c\u{7}d  "), ["a", "b", "cd"])
        XCTAssertEqual(Tokenizer(language: .english).tokenize(" \t "), [])
    }

    /// As in sacremoses and the Multi30k files: a known abbreviation keeps its period at the end
    /// of a line too; a number-only one does not.
    func testFinalPeriodAfterAbbreviationAtEnd() {
        XCTAssertEqual(Tokenizer(language: .english).tokenize("He met Dr."), ["He", "met", "Dr."])
        XCTAssertEqual(Tokenizer(language: .english).tokenize("See No. 5 and No. it"),
                       ["See", "No.", "5", "and", "No.", "it"])
        XCTAssertEqual(Tokenizer(language: .english).tokenize("See No. \"5\""),
                       ["See", "No", ".", "\"", "5", "\""])
    }
}
