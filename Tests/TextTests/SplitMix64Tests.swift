import Text
import XCTest

final class SplitMix64Tests: XCTestCase {
    func testKnownSequence() {
        // Reference values of SplitMix64 seeded with 0 (as in Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }

    func testBoundedValuesAndShuffle() {
        var generator = SplitMix64(seed: 11)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.next(below: 6)] += 1 }
        XCTAssertTrue(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")

        var a = Array(0..<50), b = Array(0..<50)
        var g1 = SplitMix64(seed: 3), g2 = SplitMix64(seed: 3)
        g1.shuffle(&a)
        g2.shuffle(&b)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, Array(0..<50))
        XCTAssertEqual(a.sorted(), Array(0..<50))
    }
}
