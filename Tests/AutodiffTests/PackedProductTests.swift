@testable import Autodiff
import Foundation
import TestSupport
import XCTest

final class PackedProductTests: XCTestCase {
    /// W in the orientation's float layout: [k, n] for columns, [n, k] for rows.
    private func randomWeight(units n: Int, inputs k: Int, _ units: WeightUnits,
                              _ generator: inout SeededGenerator) -> Tensor {
        uniformTensor(units == .columns ? [k, n] : [n, k], in: -2...2, &generator)
    }

    /// w_jp of unit j, input p, whatever the orientation.
    private func value(_ w: Tensor, _ units: WeightUnits, unit j: Int, input p: Int) -> Float {
        units == .columns ? w.data[p * w.shape[1] + j] : w.data[j * w.shape[1] + p]
    }

    /// The documented result: one fused multiply-add chain per output over the inputs in order,
    /// from y (accumulating), the bias, or zero.
    private func reference(_ x: Tensor, _ w: Tensor, _ units: WeightUnits, n: Int,
                           start: [Float]?, bias: Tensor?) -> [Float] {
        let m = x.rows, k = x.columns
        var y = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = start?[i * n + j] ?? bias?.data[j] ?? 0
                for p in 0..<k { sum.addProduct(x.data[i * k + p], value(w, units, unit: j, input: p)) }
                y[i * n + j] = sum
            }
        }
        return y
    }

    /// Every path this CPU runs gives exactly the fused chain's floats, for sizes that leave
    /// tails everywhere (rows not a multiple of the 6-row tile, units not a multiple of 16 or of
    /// the 64-unit panel), both orientations, with a bias, without, and accumulating.
    func testEveryPathGivesTheFusedChainExactly() {
        var generator = SeededGenerator(seed: 911)
        let paths = PackedProduct.Path.allCases.filter(\.isSupported)
        XCTAssertTrue(paths.contains(.scalar))
        for (m, n, k) in [(1, 1, 1), (3, 5, 7), (7, 17, 13), (6, 64, 4), (13, 70, 255), (12, 129, 130), (2, 33, 3)] {
            for units in [WeightUnits.columns, .rows] {
                let w = randomWeight(units: n, inputs: k, units, &generator)
                let packed = PackedWeight(packing: w, units: units)
                let x = uniformTensor([m, k], in: -2...2, &generator), bias = uniformTensor([n], &generator)
                let start = (0..<(m * n)).map { _ in generator.nextUniform() }
                for path in paths {
                    for (withBias, accumulate) in [(false, false), (true, false), (true, true)] {
                        var y = start
                        y.withUnsafeMutableBufferPointer {
                            PackedProduct.multiply(x, by: packed, bias: withBias ? bias : nil, into: $0.baseAddress!,
                                                   accumulate: accumulate, path: path)
                        }
                        let expected = reference(x, w, units, n: n, start: accumulate ? start : nil, bias: withBias ? bias : nil)
                        XCTAssertEqual(y, expected, "\(path): [\(m), \(k)] · \(n) units (\(units)), bias \(withBias), accumulate \(accumulate)")
                    }
                }
            }
        }
    }

    /// Against OpenBLAS's product of the same weights: equal to float rounding. Packed in bf16
    /// (where the CPU has AVX-512 BF16), apart by the operands' bf16 rounding only,
    /// |y − y₃₂| ≤ 2⁻⁸ · Σ_p |x_p · w_p| (each operand within 2⁻⁹ relative) plus fp32 summation
    /// error, and not equal (the operands are rounded).
    func testTheProductIsOpenBLASsProductUpToRounding() {
        var generator = SeededGenerator(seed: 912)
        let (m, n, k) = (10, 300, 256)
        let w = uniformTensor([k, n], &generator), x = uniformTensor([m, k], &generator)
        let blas = x.matmul(w)
        let packed = Tensor(uninitialized: [m, n])
        PackedProduct.multiply(x, by: PackedWeight(packing: w, units: .columns), into: packed.data, accumulate: false)
        assertClose(packed.values, blas.values, accuracy: 1e-4)
        guard BFloat16GEMM.isSupported else { return }
        let bf16 = Tensor(uninitialized: [m, n])
        PackedProduct.multiply(x, by: PackedWeight(packing: w, units: .columns, precision: .bfloat16), into: bf16.data, accumulate: false)
        XCTAssertNotEqual(bf16.values, blas.values)
        for i in 0..<m {
            for j in 0..<n {
                let magnitude = (0..<k).reduce(Float(0)) { $0 + abs(x.data[i * k + $1] * w.data[$1 * n + j]) }
                let bound = (0x1p-8 + 2 * Float(k) * 0x1p-23) * magnitude
                XCTAssertLessThanOrEqual(abs(bf16.data[i * n + j] - blas.data[i * n + j]), bound, "bf16 [\(i), \(j)]")
            }
        }
    }

    /// A row's result does not depend on the rows beside it (the same chain, or for a bf16 weight
    /// the same sums, whatever the tile it falls in), nor on how the columns are split over cores
    /// (for bf16, each thread rounds x into its own workspace).
    func testARowsResultIsTheSameAloneInATileOrSplit() {
        var generator = SeededGenerator(seed: 913)
        let (m, n, k) = (40, 1000, 130)
        XCTAssertGreaterThanOrEqual(m * n * k, GEMM.splitThreshold)
        let w = randomWeight(units: n, inputs: k, .rows, &generator)
        let x = uniformTensor([m, k], &generator)
        for precision in BFloat16GEMM.isSupported ? [ProductPrecision.float32, .bfloat16] : [.float32] {
            let packed = PackedWeight(packing: w, units: .rows, precision: precision)
            var split = [Float](repeating: 0, count: m * n), single = split
            Parallel.with(cores: 2) {
                split.withUnsafeMutableBufferPointer { PackedProduct.multiply(x, by: packed, into: $0.baseAddress!, accumulate: false) }
            }
            Parallel.onOneCore {
                single.withUnsafeMutableBufferPointer { PackedProduct.multiply(x, by: packed, into: $0.baseAddress!, accumulate: false) }
            }
            XCTAssertEqual(split, single, "\(precision)")
            for i in [0, 5, 6, 39] {
                let row = Tensor(shape: [1, k], values: Array(x.values[(i * k)..<((i + 1) * k)]))
                var alone = [Float](repeating: 0, count: n)
                alone.withUnsafeMutableBufferPointer { PackedProduct.multiply(row, by: packed, into: $0.baseAddress!, accumulate: false) }
                XCTAssertEqual(alone, Array(single[(i * n)..<((i + 1) * n)]), "\(precision), row \(i)")
            }
        }
    }

    /// The row limit follows the OpenBLAS kernel loaded and the packed path: 1024 rows on
    /// Cooperlake (AMD Zen 5) and on Haswell beside the AVX-512 packed path (nmt's choice on
    /// Zen 4), 128 on the others (SkylakeX, Haswell on an AVX2 CPU, Zen, the portable ones).
    func testRowLimitFollowsTheBLASKernelAndThePackedPath() {
        for path in PackedProduct.Path.allCases {
            XCTAssertEqual(PackedProduct.rowLimit(forKernel: "Cooperlake", path: path), 1024, "\(path)")
        }
        XCTAssertEqual(PackedProduct.rowLimit(forKernel: "Haswell", path: .avx512), 1024)
        XCTAssertEqual(PackedProduct.rowLimit(forKernel: "Haswell", path: .avx2), 128)
        for kernel in ["SkylakeX", "Zen", "Prescott", "Sandybridge"] {
            for path in PackedProduct.Path.allCases {
                XCTAssertEqual(PackedProduct.rowLimit(forKernel: kernel, path: path), 128, "\(kernel), \(path)")
            }
        }
        XCTAssertEqual(PackedProduct.rowLimit, PackedProduct.rowLimit(forKernel: BLASKernel.loadedCore, path: .best))
    }

    /// affine (one term with a bias, two terms) and matmul (x·W and x·Eᵀ) multiply by the packed
    /// forms when nothing records and x has fewer than `rowLimit` rows, and by the weights'
    /// values otherwise; under a tape gradients flow as for any weight.
    func testAffineAndMatMulTakeThePackedFormOnlyInInference() {
        var generator = SeededGenerator(seed: 914)
        let (m, n, k) = (5, 40, 24)
        let w = uniformTensor([k, n], &generator), v = uniformTensor([k, n], &generator), table = uniformTensor([n, k], &generator)
        let bias = uniformTensor([n], &generator), x = uniformTensor([m, k], &generator), h = uniformTensor([m, k], &generator)
        let plainAffine = Tensor.affine([(x, w), (h, v)], bias: bias).values
        w.pack(units: .columns)
        v.pack(units: .columns)
        table.pack(units: .rows)

        XCTAssertEqual(x.matmul(w).values, reference(x, w, .columns, n: n, start: nil, bias: nil))
        XCTAssertEqual(x.matmul(table, transposeOther: true).values, reference(x, table, .rows, n: n, start: nil, bias: nil))
        let first = reference(x, w, .columns, n: n, start: nil, bias: bias)
        XCTAssertEqual(Tensor.affine([(x, w)], bias: bias).values, first)
        let both = Tensor.affine([(x, w), (h, v)], bias: bias).values
        XCTAssertEqual(both, reference(h, v, .columns, n: n, start: first, bias: nil))
        assertClose(both, plainAffine, accuracy: 1e-5)

        // From `rowLimit` rows on: OpenBLAS on the values.
        let many = uniformTensor([PackedProduct.rowLimit, k], &generator)
        var blas = [Float](repeating: 0, count: many.rows * n)
        GEMM.multiply(many.data, transposeA: false, w.data, transposeB: false, into: &blas, m: many.rows, n: n, k: k)
        XCTAssertEqual(many.matmul(w).values, blas)

        // Under a tape: OpenBLAS on the values, and a gradient for the weight.
        var float = [Float](repeating: 0, count: m * n)
        GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: &float, m: m, n: n, k: k)
        let tape = Tape()
        XCTAssertEqual(tape.recording([w]) { x.matmul(w) }.values, float)
        tape.recording([w]) { Tensor.affine([(x, w)], bias: bias).sum() }.backward()
        XCTAssertNotNil(w.gradient)
    }

    /// The path chosen at run time is the fastest the CPU lists: AVX-512 on a CPU whose
    /// /proc/cpuinfo flags include avx512f (the Xeon and the Zen 4/5 of docs/results.md).
    func testTheRuntimeChoiceFollowsTheCPUFlags() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set((cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
        XCTAssertEqual(PackedProduct.Path.avx2.isSupported, flags.isSuperset(of: ["avx2", "fma"]))
        XCTAssertEqual(PackedProduct.Path.avx512.isSupported, flags.contains("avx512f"))
        XCTAssertEqual(PackedProduct.Path.best, PackedProduct.Path.allCases.last { $0.isSupported })
    }
}
