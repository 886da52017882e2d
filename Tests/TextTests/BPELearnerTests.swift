import Foundation
import TestSupport
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

    /// The merges of the real learner on Multi30k val, against subword-nmt run here. 1500 merges
    /// go through several of subword-nmt's prune-and-reload rounds, whose quirks decide some of
    /// the choices. Skipped when python3 or its subword_nmt module is missing; subword-nmt that
    /// is there and fails is a failure, with its standard error.
    func testMatchesSubwordNMTOnMulti30kVal() throws {
        let corpus = try multi30kDirectory() + "/tok/val.en"
        try requirePythonModule("subword_nmt", install: "pip install subword-nmt")
        let run = try python(["-m", "subword_nmt.learn_bpe", "-s", "1500", "--input", corpus])
        guard run.status == 0 else {
            return XCTFail("subword-nmt's learn_bpe exited with status \(run.status): \(run.error)")
        }

        var learner = BPELearner()
        try learner.add(contentsOf: corpus)
        let learned = learner.learn(merges: 1500)
        XCTAssertEqual(learned.merges.count, 1500)
        let ours = learned.fileContents.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        // The first line that differs, rather than two files of 1500 lines each.
        if let line = ours.indices.first(where: { $0 < theirs.count && ours[$0] != theirs[$0] }) {
            XCTFail("line \(line + 1) of the merges file: ours \"\(ours[line])\", subword-nmt's \"\(theirs[line])\"")
        }
        XCTAssertEqual(ours.count, theirs.count, "lines in the merges file")
    }
}
