import Text
import XCTest

final class DetokenizerTests: XCTestCase {
    private func assertRoundTrip(_ sentences: [String], _ language: Language,
                                 file: StaticString = #filePath, line: UInt = #line) {
        let tokenizer = Tokenizer(language: language)
        let detokenizer = Detokenizer(language: language)
        for sentence in sentences {
            let tokens = tokenizer.tokenize(sentence)
            XCTAssertEqual(detokenizer.detokenize(tokens), sentence, "tokens: \(tokens)", file: file, line: line)
        }
    }

    func testEnglishRoundTrip() {
        assertRoundTrip([
            "Hello, world! It's 5,300 dollars (roughly).",
            "He doesn't like Mr. Smith's car; the kids' parents do.",
            "\"Stop,\" she said, \"or I'll call the police.\"",
            "A well-known U.S. firm paid 3.5% in the 1990's... twice?",
            "Two young, White males are outside near many bushes.",
            "A man in a #1 jersey holds a sign that says 'Free hugs'.",
        ], .english)
    }

    func testCzechRoundTrip() {
        assertRoundTrip([
            "Dvě děti, které běží bez bot.",
            "Pán stojí před kavárnou „Prince St. Café“, tzv. kavárnou na rohu.",
            "Muž (asi 30 let) nahrává skupinu lidí před obchodem Terrible's.",
        ], .czech)
    }

    func testRoundTripWithoutLanguageRules() throws {
        assertRoundTrip([
            "Uma menina de vestido rosa, com 5 anos, sobe a escada (devagar).",
            "O Dr. Silva mora na rua do Ouro: \"Bom dia!\" disse ele.",
        ], try Language(code: "pt-BR"))
    }

    func testGermanRoundTrip() {
        assertRoundTrip([
            "Ein Mann arbeitet auf Höhe des 2. Stocks an einem Gebäude.",
            "Eine Gruppe von fünf Arbeitern steht neben einem Schild von McDonald's.",
            "Der Mann trägt z.B. einen Hut, ca. 5 Meter hoch (sagt er).",
            "Ein Schild, auf dem steht: \"Welcome Bikers\".",
            "„Hallo“, sagte sie.",
        ], .german)
    }

    func testFrenchRoundTrip() {
        assertRoundTrip([
            "L'homme qu'il a vu aujourd'hui est là.",
            "Une femme s'entraîne près de l'océan, avec 10,5 kg de sable !",
            "Deux hommes regardent « Le Monde » : ils rient.",
            "Un homme vêtu d'un gilet réfléchissant tient un drapeau sur la route.",
        ], .french)
    }

    func testJoinsEnglishCliticsAndSpacesOtherTokens() {
        XCTAssertEqual(Detokenizer(language: .english).detokenize("it 's the dog 's bone , is n't it ?"),
                       "it's the dog's bone, is n't it?")
        XCTAssertEqual(Detokenizer(language: .french).detokenize("l' homme d' affaires"), "l'homme d'affaires")
    }
}
