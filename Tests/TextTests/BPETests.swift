import Foundation
import Text
import XCTest

final class BPETests: XCTestCase {
    private let toyMerges = BPEMerges([
        .init("s", "t</w>"), .init("e", "st</w>"), .init("l", "o"), .init("w", "est</w>"),
        .init("n", "e"), .init("ne", "west</w>"), .init("lo", "w</w>"), .init("w", "i"),
        .init("wi", "d"), .init("wid", "est</w>"),
    ])

    /// Expected output from subword-nmt's apply_bpe with the same merges.
    func testSegmentsLikeSubwordNMT() {
        let bpe = BPE(merges: toyMerges)
        XCTAssertEqual(bpe.segment(["lowest", "newer", "wider", "low", "l"]),
                       ["lo@@", "west", "ne@@", "w@@", "e@@", "r", "wid@@", "e@@", "r", "low", "l"])
        XCTAssertEqual(bpe.segmentLine("  newest  widest \n"), "  newest widest \n")
        XCTAssertEqual(bpe.segmentLine("   "), "   ")
    }

    func testMergesEveryOccurrenceLeftToRight() {
        let bpe = BPE(merges: BPEMerges([.init("a", "a"), .init("aa", "a</w>")]))
        XCTAssertEqual(bpe.segment(["aaaaa", "aaa", "a"]), ["aa@@", "aaa", "aaa", "a"])
    }

    func testLimitUsesOnlyTheFirstMerges() {
        let bpe = BPE(merges: toyMerges, limit: 3)
        XCTAssertEqual(bpe.segment(word: "lowest"), ["lo@@", "w@@", "est"])
    }

    func testVersion01TreatsEndOfWordAsASymbol() {
        let merges = BPEMerges([.init("s", "t"), .init("st", "</w>"), .init("e", "st</w>")], version: .v0_1)
        XCTAssertEqual(BPE(merges: merges).segment(["best", "stop"]), ["b@@", "est", "st@@", "o@@", "p"])
    }

    func testJoinUndoesSegmentation() {
        let bpe = BPE(merges: toyMerges)
        let tokens = ["the", "lowest", "and", "newest", "wider", "widest"]
        XCTAssertEqual(BPE.join(bpe.segment(tokens)), tokens)
        XCTAssertEqual(BPE.join(["lo@@", "w", "x@@"]), ["low", "x"])
    }

    func testOneInstanceServesSeveralThreads() {
        let words = (0..<4000).map { "w\($0 % 700)est" }
        let expected = words.map { BPE(merges: toyMerges).segment(word: $0) }
        let shared = BPE(merges: toyMerges)
        var results = [[String]](repeating: [], count: words.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            let range = (part * 1000)..<((part + 1) * 1000)
            let segmented = range.map { shared.segment(word: words[$0]) }
            lock.lock()
            results.replaceSubrange(range, with: segmented)
            lock.unlock()
        }
        XCTAssertEqual(results, expected)
        XCTAssertEqual(expected[1], ["w@@", "1@@", "est"])
    }

    func testUnknownCharactersPassThrough() {
        XCTAssertEqual(BPE(merges: toyMerges).segment(word: "lo€st"), ["lo@@", "€@@", "st"])
    }
}
