import Foundation
import Text
import XCTest

final class BPELearnerTests: XCTestCase {
    private func learn(_ lines: [String], merges: Int) -> [String] {
        var learner = BPELearner()
        for line in lines { learner.add(line: line) }
        return learner.learn(merges: merges).merges.map { "\($0.left) \($0.right)" }
    }

    /// Sennrich et al.'s example; the expected merges are subword-nmt 0.3.8's output
    /// (`learn_bpe -s 20`), which stops at 13 because no pair is left twice.
    func testMatchesSubwordNMTOnTheClassicExample() {
        let corpus = "low low low low low lower lower newest newest newest newest newest newest widest widest widest"
        XCTAssertEqual(learn([corpus], merges: 20), [
            "s t</w>", "e st</w>", "l o", "w est</w>", "n e", "ne west</w>", "lo w</w>",
            "w i", "wi d", "wid est</w>", "w e", "we r</w>", "lo wer</w>",
        ])
    }

    func testTiesGoToTheGreaterPairByCodePoint() {
        // (a, a) and (a, a</w>) both occur 3 times; "a</w>" > "a", so (a, a</w>) wins.
        XCTAssertEqual(learn(["aaaa aaa aa"], merges: 5), ["a a</w>", "a aa</w>"])
        XCTAssertEqual(learn(["ab ab ba ba"], merges: 5), ["b a</w>", "a b</w>"])
    }

    func testCountsWordsAcrossLinesAndInputs() {
        var learner = BPELearner()
        learner.add(line: "  low\r")
        learner.add(line: "low lower ")
        XCTAssertEqual(learner.wordTypeCount, 2)
        XCTAssertEqual(learner.learn(merges: 1).merges, [BPEMerges.Merge("l", "o")])
    }

    func testMinFrequencyStopsLearning() {
        var learner = BPELearner()
        learner.add(line: "abc abc xyz")
        XCTAssertEqual(learner.learn(merges: 10, minFrequency: 2).merges.count, 2)
        XCTAssertEqual(learner.learn(merges: 10, minFrequency: 3).merges.count, 0)
        XCTAssertEqual(learner.learn(merges: 10, minFrequency: 1).merges.count, 4)
    }

    /// The merges of the real learner on Multi30k val, against subword-nmt run here (skipped
    /// without Python and subword-nmt). 1500 merges go through several of subword-nmt's
    /// prune-and-reload rounds, whose quirks decide some of the choices.
    func testMatchesSubwordNMTOnMulti30kVal() throws {
        let corpus = try multi30kDirectory() + "/tok/val.en"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "subword_nmt.learn_bpe", "-s", "1500", "--input", corpus]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw XCTSkip("python3 not runnable: \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("subword-nmt not installed") }
        let expected = String(decoding: output, as: UTF8.self)

        var learner = BPELearner()
        try learner.add(contentsOf: corpus)
        let learned = learner.learn(merges: 1500)
        XCTAssertEqual(learned.merges.count, 1500)
        XCTAssertEqual(learned.fileContents, expected)
    }
}
