import TestSupport
import Text
import XCTest

final class VocabularyTests: XCTestCase {
    private let sentences = [
        ["the", "cat", "sat", "on", "the", "mat"],
        ["the", "dog", "sat", "on", "a", "log"],
        ["a", "cat", "and", "a", "dog", "<unk>"],
    ]

    func testSpecialsComeFirstThenByCountThenByToken() {
        let vocabulary = Vocabulary(counting: sentences)
        // Counts: the 3, a 3, cat 2, dog 2, on 2, sat 2, then the singletons; ties by token.
        XCTAssertEqual(vocabulary.tokens, [
            "<pad>", "<s>", "</s>", "<unk>",
            "a", "the", "cat", "dog", "on", "sat", "and", "log", "mat",
        ])
        XCTAssertEqual(Vocabulary.specialTokens.map(vocabulary.id(of:)), [0, 1, 2, 3])
    }

    func testMinimumFrequencyAndMaximumSize() {
        XCTAssertEqual(Vocabulary(counting: sentences, minFrequency: 2).tokens.dropFirst(4),
                       ["a", "the", "cat", "dog", "on", "sat"])
        XCTAssertEqual(Vocabulary(counting: sentences, minFrequency: 2, maxSize: 7).tokens,
                       ["<pad>", "<s>", "</s>", "<unk>", "a", "the", "cat"])
    }

    func testTiesOrderByCodePointLikePython() {
        // Python sorts "Z" < "a" < "é" (code points); é must not sort before a.
        let vocabulary = Vocabulary(counting: [["é", "a", "Z", "b"]])
        XCTAssertEqual(Array(vocabulary.tokens.dropFirst(4)), ["Z", "a", "b", "é"])
    }

    func testEncodeAndDecode() {
        let vocabulary = Vocabulary(counting: sentences)
        XCTAssertEqual(vocabulary.encode(["the", "zebra", "sat"], appendingEnd: true), [5, 3, 9, 2])
        XCTAssertEqual(vocabulary.decode([1, 5, 6, 2, 7, 0]), ["the", "cat"])
        XCTAssertEqual(vocabulary.decode([5, 0, 99]), ["the", "<unk>"])
    }

    func testSaveAndLoad() throws {
        let directory = try TemporaryDirectory()
        let vocabulary = Vocabulary(counting: sentences)
        let path = directory.path + "/vocab.txt"
        try vocabulary.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "<pad>\n<s>\n</s>\n<unk>\na\nthe\ncat\ndog\non\nsat\nand\nlog\nmat\n")
        let loaded = try Vocabulary(contentsOf: path)
        XCTAssertEqual(loaded, vocabulary)
        XCTAssertEqual(loaded.id(of: "mat"), 12)
        XCTAssertEqual(try Vocabulary(fileContents: vocabulary.fileContents), vocabulary)
    }

    func testBadFilesAreRejectedWithLine() throws {
        let directory = try TemporaryDirectory()
        let noSpecials = try directory.file("a.txt", "<pad>\n<s>\nthe\n")
        XCTAssertThrowsError(try Vocabulary(contentsOf: noSpecials)) { error in
            XCTAssertEqual(error as? TextError, .invalidVocabulary(path: noSpecials, line: 3, reason: "expected '</s>', found 'the'"))
        }
        let duplicate = try directory.file("b.txt", "<pad>\n<s>\n</s>\n<unk>\nthe\ncat\nthe\n")
        XCTAssertThrowsError(try Vocabulary(contentsOf: duplicate)) { error in
            XCTAssertEqual(error as? TextError, .invalidVocabulary(path: duplicate, line: 7, reason: "'the' already on line 5"))
        }
        XCTAssertThrowsError(try Vocabulary(words: ["a", "</s>"]))
    }
}
