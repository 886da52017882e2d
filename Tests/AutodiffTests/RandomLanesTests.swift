@testable import Autodiff
import XCTest

final class RandomLanesTests: XCTestCase {
    /// Lane j is a `SeededGenerator` seeded with the j-th of eight draws from the source, and the
    /// source is advanced by exactly those eight draws.
    func testEachLaneIsAScalarGenerator() {
        var source = SeededGenerator(seed: 90)
        var copy = source
        var lanes = RandomLanes(seededFrom: &source)
        var scalars = (0..<8).map { _ in SeededGenerator(seed: copy.next()) }
        XCTAssertEqual(source.stateWords, copy.stateWords)
        for step in 0..<50 {
            let outputs = lanes.next()
            for lane in 0..<8 { XCTAssertEqual(outputs[lane], scalars[lane].next(), "step \(step), lane \(lane)") }
        }
    }

    /// Sixteen words per step: lane j's output is words 2j (low half) and 2j + 1 (high half).
    func testWordsAreTheLanesHalves() {
        var source = SeededGenerator(seed: 91)
        var a = RandomLanes(seededFrom: &source)
        source = SeededGenerator(seed: 91)
        var b = RandomLanes(seededFrom: &source)
        for _ in 0..<3 {
            let words = a.nextWords(), outputs = b.next()
            for lane in 0..<8 {
                XCTAssertEqual(words[2 * lane], UInt32(truncatingIfNeeded: outputs[lane]))
                XCTAssertEqual(words[2 * lane + 1], UInt32(truncatingIfNeeded: outputs[lane] >> 32))
            }
        }
    }
}
