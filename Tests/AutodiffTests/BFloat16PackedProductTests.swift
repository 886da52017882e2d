@testable import Autodiff
import TestSupport
import XCTest

/// Products by weights packed once in bf16 (`PackedWeight` with `.bfloat16`, the kernel of
/// CBFloat16Kernels.h). The kernel is held to the portable reference, which reads the weight's
/// float values as they are (not the packed copy, so a packing fault shows) and sums in the
/// order `vdpbf16ps` documents: from init, pair by pair, the odd input's product first. With
/// inputs in [-2, 2] no product or sum is an fp32 denormal, so the two agree bit for bit.
final class BFloat16PackedProductTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
    }

    /// W in the orientation's float layout: [k, n] for columns, [n, k] for rows.
    private func randomWeight(units n: Int, inputs k: Int, _ units: WeightUnits, _ generator: inout SeededGenerator) -> Tensor {
        uniformTensor(units == .columns ? [k, n] : [n, k], in: -2...2, &generator)
    }

    private func randomValues(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in 4 * generator.nextUniform() - 2 }
    }

    /// Rows 1…13 (every tail of the 6-row tile, one and two tiles) and around `rowLimit`; units
    /// 1, 15, 16, 17, 100 (partial blocks, a partial 64-unit panel); inputs odd and even (a pair
    /// half padded, one and several 16-pair loads of a row); both orientations; no bias, a bias,
    /// accumulating; rows of x and y packed or strided; all the columns or a range starting at a
    /// block (the columns outside it, and y's padding, untouched).
    func testTheKernelIsTheReferenceBitForBit() {
        var generator = SeededGenerator(seed: 3401)
        let rows = Array(1...13) + [PackedProduct.rowLimit - 1, PackedProduct.rowLimit]
        var cases = 0
        for m in rows {
            for n in [1, 15, 16, 17, 100] {
                for k in [1, 2, 3, 64, 513] {
                    for units in [WeightUnits.columns, .rows] {
                        let w = randomWeight(units: n, inputs: k, units, &generator)
                        let weight = PackedWeight(packing: w, units: units, precision: .bfloat16)
                        XCTAssertEqual(weight.precision, .bfloat16)
                        let extra = cases % 2 == 0 ? 0 : 3
                        let ranges = n > 16 ? [0..<n, 16..<n] : [0..<n]
                        for columns in ranges {
                            for (withBias, accumulate) in [(false, false), (true, false), (true, true)] {
                                check(m: m, k: k, weight: weight, w: w, units: units, withBias: withBias, accumulate: accumulate,
                                      columns: columns, ldx: k + extra, ldy: n + extra, &generator)
                                cases += 1
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(cases, 1000)
    }

    /// k = 0: y is its init (y, the bias, or zeros).
    func testNoInputsLeaveTheInit() {
        var generator = SeededGenerator(seed: 3402)
        let w = Tensor(zeros: [0, 20]), weight = PackedWeight(packing: w, units: .columns, precision: .bfloat16)
        for (withBias, accumulate) in [(false, false), (true, false), (true, true)] {
            check(m: 3, k: 0, weight: weight, w: w, units: .columns, withBias: withBias, accumulate: accumulate, columns: 0..<20,
                  ldx: 1, ldy: 20, &generator)
        }
    }

    /// 1 · bf16(w) and bf16(x) · 1: both operands rounded to nearest even, once.
    func testBothOperandsAreRoundedToNearestEven() {
        let halfUlp = Float(sign: .plus, exponent: -8, significand: 1)  // half of bf16's unit at 1
        let values: [Float] = [1 + halfUlp, 1 + 3 * halfUlp, 1 + halfUlp + .ulpOfOne, -(1 + halfUlp), 3.140625]
        let expected = values.map(BFloat16GEMM.rounded)
        XCTAssertEqual(expected, [1, 1 + 4 * halfUlp, 1 + 2 * halfUlp, -1, 3.140625])
        let row = Tensor(shape: [1, values.count], values: values), one = Tensor(shape: [1, 1], values: [1])
        var y = [Float](repeating: .nan, count: values.count)
        y.withUnsafeMutableBufferPointer {
            PackedProduct.multiply(one, by: PackedWeight(packing: row, units: .columns, precision: .bfloat16),
                                   into: $0.baseAddress!, accumulate: false)
        }
        XCTAssertEqual(y, expected, "1 · bf16(w)")
        let x = Tensor(shape: [values.count, 1], values: values)
        y.withUnsafeMutableBufferPointer {
            PackedProduct.multiply(x, by: PackedWeight(packing: one, units: .columns, precision: .bfloat16),
                                   into: $0.baseAddress!, accumulate: false)
        }
        XCTAssertEqual(y, expected, "bf16(x) · 1")
    }

    /// matmul (x·W, x·Eᵀ) and affine (a first term from the bias, a second accumulating) take a
    /// bf16 form when nothing records, below `rowLimit` rows and from it on alike; under a tape
    /// OpenBLAS multiplies by the float values and the weight gets its gradient.
    func testMatMulAndAffineTakeTheBFloat16FormAtAnyRowCount() {
        var generator = SeededGenerator(seed: 3405)
        let (n, k) = (40, 24)
        let w = uniformTensor([k, n], &generator), v = uniformTensor([k, n], &generator), table = uniformTensor([n, k], &generator)
        let bias = uniformTensor([n], &generator)
        w.pack(units: .columns, precision: .bfloat16)
        v.pack(units: .columns, precision: .bfloat16)
        table.pack(units: .rows, precision: .bfloat16)
        for m in [5, PackedProduct.rowLimit + 10] {
            let x = uniformTensor([m, k], &generator), h = uniformTensor([m, k], &generator)
            XCTAssertEqual(x.matmul(w).values, reference(x, w, .columns, bias: nil, start: nil), "\(m) rows")
            XCTAssertEqual(x.matmul(table, transposeOther: true).values, reference(x, table, .rows, bias: nil, start: nil), "\(m) rows")
            let first = reference(x, w, .columns, bias: bias, start: nil)
            XCTAssertEqual(Tensor.affine([(x, w)], bias: bias).values, first, "\(m) rows")
            XCTAssertEqual(Tensor.affine([(x, w), (h, v)], bias: bias).values, reference(h, v, .columns, bias: nil, start: first),
                           "\(m) rows")
        }
        let x = uniformTensor([5, k], &generator)
        var float = [Float](repeating: 0, count: 5 * n)
        GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: &float, m: 5, n: n, k: k)
        let tape = Tape()
        XCTAssertEqual(tape.recording([w]) { x.matmul(w) }.values, float)
        tape.recording([w]) { Tensor.affine([(x, w)], bias: bias).sum() }.backward()
        XCTAssertNotNil(w.gradient)
    }

    // MARK: Helpers

    /// The reference's y = init + x·W over all columns (init: `start` when given, else the bias or 0).
    private func reference(_ x: Tensor, _ w: Tensor, _ units: WeightUnits, bias: Tensor?, start: [Float]?) -> [Float] {
        let n = units.sizes(shape: w.shape).units
        var y = start ?? [Float](repeating: 0, count: x.rows * n)
        y.withUnsafeMutableBufferPointer {
            PackedProduct.bfloat16Reference(x.data, ldx: x.columns, rows: x.rows, weight: w, units: units, bias: bias?.data,
                                            columns: 0..<n, into: $0.baseAddress!, ldy: n, accumulate: start != nil)
        }
        return y
    }

    /// One kernel call against the reference on the same y, bit for bit, y's every float
    /// compared (those outside `columns` and past n must keep their values).
    private func check(m: Int, k: Int, weight: PackedWeight, w: Tensor, units: WeightUnits, withBias: Bool, accumulate: Bool,
                       columns: Range<Int>, ldx: Int, ldy: Int, _ generator: inout SeededGenerator,
                       file: StaticString = #filePath, line: UInt = #line) {
        let n = weight.unitCount
        let x = randomValues(m * ldx, &generator), bias = randomValues(n, &generator)
        let start = randomValues(m * ldy, &generator)
        var kernel = start, expected = start
        x.withUnsafeBufferPointer { x in
            bias.withUnsafeBufferPointer { bias in
                let biasData = withBias ? bias.baseAddress : nil
                kernel.withUnsafeMutableBufferPointer {
                    PackedProduct.multiply(x.baseAddress!, ldx: ldx, rows: m, by: weight, bias: biasData, columns: columns,
                                           into: $0.baseAddress!, ldy: ldy, accumulate: accumulate, path: .best)
                }
                expected.withUnsafeMutableBufferPointer {
                    PackedProduct.bfloat16Reference(x.baseAddress!, ldx: ldx, rows: m, weight: w, units: units, bias: biasData,
                                                    columns: columns, into: $0.baseAddress!, ldy: ldy, accumulate: accumulate)
                }
            }
        }
        let label = "[\(m), \(k)] · \(n) units (\(units)), columns \(columns), ldx \(ldx), ldy \(ldy), bias \(withBias), accumulate \(accumulate)"
        let apart = zip(kernel, expected).filter { $0.bitPattern != $1.bitPattern }.count
        XCTAssertEqual(apart, 0, "\(label): \(apart) floats apart", file: file, line: line)
    }
}
