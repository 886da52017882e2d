@testable import Autodiff
import TestSupport
import XCTest

final class Int8WeightTests: XCTestCase {
    /// One scale per output unit, max |w| / 127; values round(w / scale) in −127…127, the
    /// largest of each unit ±127; dequantized within half a step of the float weight.
    func testPerUnitSymmetricQuantization() {
        var generator = SeededGenerator(seed: 821)
        let w = uniformTensor([6, 9], in: -2...2, &generator)
        for i in 0..<6 { w.data[i * 9 + 4] = 0 }  // unit 4 of the columns orientation is all zeros
        for units in [WeightUnits.columns, .rows] {
            let weight = Int8Weight.quantizing(w, units: units)
            let (n, k) = units == .columns ? (9, 6) : (6, 9)
            XCTAssertEqual(weight.scales.count, n)
            XCTAssertEqual(weight.unitCount, n)
            XCTAssertEqual(weight.inputCount, k)
            let dequantized = weight.dequantized
            for j in 0..<n {
                let indices = (0..<k).map { units == .columns ? $0 * 9 + j : j * 9 + $0 }
                let largest = indices.map { abs(w.data[$0]) }.max()!
                XCTAssertEqual(weight.scales[j], largest / 127)
                if largest > 0 { XCTAssertEqual(indices.map { abs(Int(weight.values[$0])) }.max(), 127) }
                for index in indices {
                    XCTAssertEqual(weight.values[index], largest > 0 ? Int8((w.data[index] * (127 / largest)).rounded()) : 0)
                    XCTAssertLessThanOrEqual(abs(dequantized[index] - w.data[index]), weight.scales[j] / 2 * 1.0001)
                }
            }
        }
        XCTAssertEqual(Int8Weight.quantizing(w, units: .columns).scales[4], 0)
    }

    /// `useInt8` puts the dequantized values into the tensor, so everything reading `data` (an
    /// embedding lookup, a shortlist's gathered columns) sees the int8 weight.
    func testUseInt8SetsTheDequantizedValues() {
        var generator = SeededGenerator(seed: 822)
        let w = uniformTensor([4, 3], &generator)
        let weight = Int8Weight.quantizing(w, units: .rows)
        w.useInt8(weight)
        XCTAssertEqual(w.values, weight.dequantized)
        XCTAssertTrue(w.int8 === weight)
    }
}
