@testable import Autodiff
import Foundation
import TestSupport
import XCTest

final class Int8ProductTests: XCTestCase {
    /// Random int8 weights in −127…127 of `units` output units and `inputs` inputs, laid out as
    /// the float tensor of that orientation ([inputs, units] for columns, [units, inputs] for rows).
    private func randomWeight(units n: Int, inputs k: Int, _ orientation: WeightUnits,
                              _ generator: inout SeededGenerator) -> Int8Weight {
        let values = (0..<(n * k)).map { _ in Int8(Int(generator.next() % 255) - 127) }
        let scales = (0..<n).map { _ in generator.nextUniform() }
        return Int8Weight(shape: orientation == .columns ? [k, n] : [n, k], values: values, scales: scales, units: orientation)
    }

    /// q_jp of unit j, input p, whatever the orientation.
    private func value(_ weight: Int8Weight, unit j: Int, input p: Int) -> Int32 {
        Int32(weight.units == .columns ? weight.values[p * weight.unitCount + j] : weight.values[j * weight.inputCount + p])
    }

    /// Every path this CPU runs gives exactly the int32 sums of the plain triple loop, on random
    /// data with every int8 activation value (−128 included), for sizes that leave tails
    /// everywhere: rows not a multiple of the 4-row tile, units not a multiple of 16 or of the
    /// 64-unit panel, inputs not a multiple of 4, and both orientations.
    func testEveryPathGivesTheExactInt32Sums() {
        var generator = SeededGenerator(seed: 811)
        let paths = Int8Product.Path.allCases.filter(\.isSupported)
        XCTAssertTrue(paths.contains(.scalar))
        for (m, n, k) in [(1, 1, 1), (3, 5, 7), (5, 17, 13), (4, 64, 4), (9, 70, 255), (6, 129, 1030), (13, 200, 64), (2, 33, 3)] {
            for orientation in [WeightUnits.columns, .rows] {
                let weight = randomWeight(units: n, inputs: k, orientation, &generator)
                let a = (0..<(m * k)).map { _ in Int8(truncatingIfNeeded: generator.next()) }
                var reference = [Int32](repeating: 0, count: m * n)
                for i in 0..<m {
                    for j in 0..<n {
                        var sum: Int32 = 0
                        for p in 0..<k { sum += Int32(a[i * k + p]) * value(weight, unit: j, input: p) }
                        reference[i * n + j] = sum
                    }
                }
                for path in paths {
                    XCTAssertEqual(Int8Product.sums(a, rows: m, by: weight, path: path), reference,
                                   "\(path): [\(m), \(k)] · \(n) units (\(orientation))")
                }
            }
        }
    }

    /// The extremes: every activation −128 or 127 against every weight ±127 over the longest
    /// inputs allowed, where a 16-bit intermediate would saturate and the VNNI shift's
    /// compensation is largest.
    func testExtremeValuesOverTheLongestInputs() {
        let k = Int8Product.maximumInputs, n = 16
        let values = (0..<(n * k)).map { index in Int8(index % 3 == 0 ? -127 : 127) }
        let weight = Int8Weight(shape: [n, k], values: values, scales: [Float](repeating: 1, count: n), units: .rows)
        let a = (0..<(2 * k)).map { index in index < k ? Int8.min : Int8.max }
        var reference = [Int32](repeating: 0, count: 2 * n)
        for i in 0..<2 {
            for j in 0..<n {
                var sum: Int64 = 0
                for p in 0..<k { sum += Int64(a[i * k + p]) * Int64(values[j * k + p]) }
                reference[i * n + j] = Int32(sum)
            }
        }
        for path in Int8Product.Path.allCases where path.isSupported {
            XCTAssertEqual(Int8Product.sums(a, rows: 2, by: weight, path: path), reference, "\(path)")
        }
    }

    /// The path chosen at run time is the fastest the CPU lists: on a CPU whose /proc/cpuinfo
    /// flags include avx512_vnni (the Xeon of docs/results.md), the AVX-512 VNNI path.
    func testTheRuntimeChoiceFollowsTheCPUFlags() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set((cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
        XCTAssertEqual(Int8Product.Path.avx2.isSupported, flags.contains("avx2"))
        XCTAssertEqual(Int8Product.Path.avx512VNNI.isSupported,
                       flags.isSuperset(of: ["avx512f", "avx512bw", "avx512_vnni"]))
        XCTAssertEqual(Int8Product.Path.best, Int8Product.Path.allCases.last { $0.isSupported })
    }

    /// y = s_i · scale_j · Σ a·q exactly, with a the rows quantized as documented (round half
    /// away from zero of x·127/max|x|), on every path; accumulating adds to what y held, a bias
    /// is added the same way.
    func testTheProductDequantizesTheInt32Sums() {
        var generator = SeededGenerator(seed: 812)
        let (m, n, k) = (7, 45, 37)
        let weight = randomWeight(units: n, inputs: k, .columns, &generator)
        let x = uniformTensor([m, k], in: -3...3, &generator)
        x.data[5] = 0  // a zero among the values, and a row of zeros:
        for p in 0..<k { x.data[2 * k + p] = 0 }
        var a = [Int8](repeating: 0, count: m * k), rowScales = [Float](repeating: 0, count: m)
        for i in 0..<m {
            let largest = (0..<k).map { abs(x.data[i * k + $0]) }.max()!
            rowScales[i] = largest / 127
            let inverse: Float = largest > 0 ? 127 / largest : 0
            for p in 0..<k { a[i * k + p] = Int8((min(127, max(-127, x.data[i * k + p] * inverse))).rounded(.toNearestOrAwayFromZero)) }
        }
        let start = (0..<(m * n)).map { _ in generator.nextUniform() }
        let bias = uniformTensor([n], &generator)
        for path in Int8Product.Path.allCases where path.isSupported {
            let sums = Int8Product.sums(a, rows: m, by: weight, path: path)
            var y = start
            y.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: weight, into: $0.baseAddress!, accumulate: false, path: path) }
            var added = start
            added.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: weight, into: $0.baseAddress!, accumulate: true, path: path) }
            var biased = start
            biased.withUnsafeMutableBufferPointer {
                Int8Product.multiply(x, by: weight, bias: bias, into: $0.baseAddress!, accumulate: false, path: path)
            }
            for i in 0..<m {
                for j in 0..<n {
                    let expected = Float(sums[i * n + j]) * (rowScales[i] * weight.scales[j])
                    XCTAssertEqual(y[i * n + j], expected, "\(path) [\(i), \(j)]")
                    XCTAssertEqual(added[i * n + j], start[i * n + j] + expected, "\(path) [\(i), \(j)] accumulated")
                    XCTAssertEqual(biased[i * n + j], bias.data[j] + expected, "\(path) [\(i), \(j)] from the bias")
                }
            }
            XCTAssertEqual(Array(y[(2 * n)..<(3 * n)]), [Float](repeating: 0, count: n), "a row of zeros gives zeros")
        }
    }

    /// Against the float product of the original weights: the error of int8 weights and rows
    /// is a fraction of a percent of the outputs' spread on random data.
    func testTheProductIsCloseToTheFloatProduct() {
        var generator = SeededGenerator(seed: 813)
        let (m, n, k) = (10, 300, 256)
        let w = uniformTensor([k, n], &generator), x = uniformTensor([m, k], &generator)
        let exact = x.matmul(w)
        w.useInt8(Int8Weight.quantizing(w, units: .columns))
        let int8 = Tensor(uninitialized: [m, n])
        Int8Product.multiply(x, by: w.int8!, into: int8.data, accumulate: false)
        var error: Float = 0, spread: Float = 0
        for i in 0..<(m * n) {
            error += (int8.data[i] - exact.data[i]) * (int8.data[i] - exact.data[i])
            spread += exact.data[i] * exact.data[i]
        }
        XCTAssertLessThan((error / spread).squareRoot(), 0.01)
        XCTAssertGreaterThan(error, 0, "the int8 product is not the float product")
    }

    /// A product large enough to split over two cores gives exactly what one core gives.
    func testTheSplitProductEqualsTheOneCoreProduct() {
        var generator = SeededGenerator(seed: 814)
        let (m, n, k) = (40, 1000, 130)
        XCTAssertGreaterThanOrEqual(m * n * k, GEMM.splitThreshold)
        let weight = randomWeight(units: n, inputs: k, .rows, &generator)
        let x = uniformTensor([m, k], &generator)
        var split = [Float](repeating: 0, count: m * n), single = split
        Parallel.with(cores: 2) {
            split.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: weight, into: $0.baseAddress!, accumulate: false) }
        }
        Parallel.onOneCore {
            single.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: weight, into: $0.baseAddress!, accumulate: false) }
        }
        XCTAssertEqual(split, single)
    }

    /// affine and matmul multiply by a weight's int8 form when nothing records, and by its
    /// (dequantized) float values under a tape, where gradients flow as for any weight.
    func testAffineAndMatMulTakeTheInt8FormOnlyInInference() {
        var generator = SeededGenerator(seed: 815)
        let (m, n, k) = (5, 40, 24)
        let w = uniformTensor([k, n], &generator), table = uniformTensor([n, k], &generator)
        let bias = uniformTensor([n], &generator), x = uniformTensor([m, k], &generator)
        w.useInt8(Int8Weight.quantizing(w, units: .columns))
        table.useInt8(Int8Weight.quantizing(table, units: .rows))

        var expected = [Float](repeating: 0, count: m * n)
        expected.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: w.int8!, into: $0.baseAddress!, accumulate: false) }
        XCTAssertEqual(x.matmul(w).values, expected)
        let withBias = expected.enumerated().map { bias.data[$0.offset % n] + $0.element }
        XCTAssertEqual(Tensor.affine([(x, w)], bias: bias).values, withBias)
        var tied = [Float](repeating: 0, count: m * n)
        tied.withUnsafeMutableBufferPointer { Int8Product.multiply(x, by: table.int8!, into: $0.baseAddress!, accumulate: false) }
        XCTAssertEqual(x.matmul(table, transposeOther: true).values, tied)

        // The float product of the dequantized weights differs from the int8 one…
        var float = [Float](repeating: 0, count: m * n)
        GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: &float, m: m, n: n, k: k)
        XCTAssertNotEqual(float, expected)
        // …and is what a recorded product computes, with a gradient for the weight.
        let tape = Tape()
        let recorded = tape.recording([w]) { x.matmul(w) }
        XCTAssertEqual(recorded.values, float)
        tape.recording([w]) { Tensor.affine([(x, w)]).sum() }.backward()
        XCTAssertNotNil(w.gradient)
    }
}
