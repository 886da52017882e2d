@testable import Reporting
import XCTest

final class NiceTicksTests: XCTestCase {
    private func assertTicks(_ low: Double, _ high: Double, _ expected: [Double], step: Double, inside: Bool = false,
                             file: StaticString = #filePath, line: UInt = #line) {
        let ticks = inside ? NiceTicks(inside: low, high) : NiceTicks(covering: low, high)
        XCTAssertEqual(ticks.domain, inside ? min(low, high)...max(low, high) : ticks.values.first!...ticks.values.last!,
                       file: file, line: line)
        XCTAssertEqual(ticks.values.count, expected.count, "\(ticks.values)", file: file, line: line)
        for (value, want) in zip(ticks.values, expected) {
            XCTAssertEqual(value, want, accuracy: step * 1e-9, "\(ticks.values)", file: file, line: line)
        }
        XCTAssertEqual(ticks.step, step, accuracy: step * 1e-12, file: file, line: line)
    }

    func testStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertTicks(0, 7.3, [0, 2, 4, 6, 8], step: 2)
        assertTicks(7.3, 0, [0, 2, 4, 6, 8], step: 2)
        assertTicks(0, 10, [0, 2, 4, 6, 8, 10], step: 2)
        assertTicks(2.13, 3.41, [2, 2.5, 3, 3.5], step: 0.5)
        assertTicks(1200, 98000, [0, 20000, 40000, 60000, 80000, 100000], step: 20000)
        assertTicks(-3, 7, [-5, 0, 5, 10], step: 5)
        assertTicks(0, 26.4, [0, 10, 20, 30], step: 10)
    }

    func testInsideTicksStayWithinTheRange() {
        assertTicks(-238, 12238, [0, 2000, 4000, 6000, 8000, 10000, 12000], step: 2000, inside: true)
        assertTicks(94, 406, [100, 200, 300, 400], step: 100, inside: true)
        assertTicks(0.5, 7.3, [1, 2, 3, 4, 5, 6, 7], step: 1, inside: true)
        assertTicks(0.1, 0.3, [0.1, 0.15, 0.2, 0.25, 0.3], step: 0.05, inside: true)
        // A single value is widened as for covering ticks, and stays centered.
        let single = NiceTicks(inside: 500, 500)
        XCTAssertEqual(single.domain, 450...550)
        XCTAssertEqual(single.values, [460, 480, 500, 520, 540])
    }

    func testFloatingPointNoiseAddsNoTick() {
        // 0.3 / 0.05 is 5.999…: without tolerance the ticks would run on to 0.35.
        assertTicks(0.1, 0.3, [0.1, 0.15, 0.2, 0.25, 0.3], step: 0.05)
    }

    func testASingleValueSitsInsideAWidenedRange() {
        assertTicks(0, 0, [-1, -0.5, 0, 0.5, 1], step: 0.5)
        assertTicks(5, 5, [4.5, 5, 5.5], step: 0.5)
        assertTicks(-40, -40, [-44, -42, -40, -38, -36], step: 2)
    }

    func testLabelsShowTheDecimalsTheStepNeeds() {
        let halves = NiceTicks(covering: 2.13, 3.41)
        XCTAssertEqual(halves.values.map(halves.label), ["2.0", "2.5", "3.0", "3.5"])
        let twenties = NiceTicks(covering: 1200, 98000)
        XCTAssertEqual(twenties.values.map(twenties.label), ["0", "20000", "40000", "60000", "80000", "100000"])
        let twentieths = NiceTicks(covering: 0.1, 0.3)
        XCTAssertEqual(twentieths.values.map(twentieths.label), ["0.10", "0.15", "0.20", "0.25", "0.30"])
        let tenths = NiceTicks(covering: -0.3, 0.1)
        XCTAssertEqual(tenths.values.map(tenths.label), ["-0.3", "-0.2", "-0.1", "0.0", "0.1"])
    }
}
