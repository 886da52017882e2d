@testable import Autodiff
import TestSupport
import XCTest

/// The bf16 kernel against the formula: each output within fp32 summation error of the exact
/// (Double) sum of the products of the bf16-rounded inputs, for every transpose, edge of a tile
/// or a block, stride, alpha and beta. The rounding is an independent Swift formulation.
final class BFloat16GEMMTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
    }

    /// bf16(x): x rounded to 8 significant bits, to nearest even; fp32 denormals to a zero of their
    /// sign, as the hardware conversion does; NaN stays NaN; past the largest bf16, infinity.
    static func bfloat16(_ x: Float) -> Float {
        guard x.isFinite, x.isNormal else { return x.isNaN || x.isInfinite ? x : Float(signOf: x, magnitudeOf: 0) }
        let unit = Float(sign: .plus, exponent: x.exponent - 7, significand: 1)  // the 8th bit's weight
        return (x / unit).rounded(.toNearestOrEven) * unit
    }

    /// Sizes: single elements, tails of the 8-row × 32-column tile, odd k, more than one block of
    /// 512 inputs and of 1024 columns, and a 16-column tail.
    static let sizes = [(1, 1, 1), (17, 33, 5), (100, 257, 131), (9, 40, 7), (8, 32, 1030), (3, 1100, 600),
                        (16, 1041, 2), (1, 1, 1537)]

    func testProductsMatchTheExactSumOfRoundedInputs() {
        var generator = SeededGenerator(seed: 1616)
        for (m, n, k) in Self.sizes {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (-0.5, 0.25), (2, 0)] {
                    for extra in [0, 3] {
                        check(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
                              extraStride: extra, &generator)
                    }
                }
            }
        }
    }

    /// k = 0: C = beta · C, and beta = 0 writes zeros over NaN.
    func testEmptySum() {
        var c: [Float] = [1, 2, .nan, 4]
        let empty: [Float] = [0]
        BFloat16GEMM.multiply(empty, transposeA: false, lda: 1, empty, transposeB: false, ldb: 2, into: &c, ldc: 2,
                              m: 2, n: 2, k: 0, beta: 0)
        XCTAssertEqual(c, [0, 0, 0, 0])
        c = [1, 2, 3, 4]
        BFloat16GEMM.multiply(empty, transposeA: false, lda: 1, empty, transposeB: false, ldb: 2, into: &c, ldc: 2,
                              m: 2, n: 2, k: 0, beta: 0.5)
        XCTAssertEqual(c, [0.5, 1, 1.5, 2])
    }

    /// bf16(a), and through the kernel 0 + a · 1 = bf16(a): halfway cases go to the even
    /// neighbour, NaN stays NaN, a denormal is zero, the largest floats become infinity.
    func testRounding() {
        let halfUlp = Float(sign: .plus, exponent: -8, significand: 1)  // half of bf16's unit at 1
        let cases: [(Float, Float)] = [
            (1 + halfUlp, 1),                                    // halfway, 1 is even
            (1 + 3 * halfUlp, 1 + 4 * halfUlp),                  // halfway, 1 + 2⁻⁷ is odd: up
            (1 + halfUlp + .ulpOfOne, 1 + 2 * halfUlp),          // above halfway: up
            (-(1 + halfUlp), -1),
            (3.140625, 3.140625),                                // a bf16 already
            (Float(bitPattern: 0x0040_0000), 0),                 // denormal
            (Float(bitPattern: 0x8040_0000), -0.0),
            (.greatestFiniteMagnitude, .infinity),
            (.infinity, .infinity),
        ]
        for (x, expected) in cases {
            XCTAssertEqual(BFloat16GEMM.rounded(x).bitPattern, expected.bitPattern, "bf16(\(x))")
            XCTAssertEqual(Self.bfloat16(x).bitPattern, expected.bitPattern, "the test's bf16(\(x))")
            let product = multiplied(x, by: 1)
            let sum = expected + 0  // a sum starts from +0, and +0 + −0 = +0
            XCTAssertEqual(product.bitPattern, sum.bitPattern, "kernel: \(x) · 1")
        }
        XCTAssert(BFloat16GEMM.rounded(.nan).isNaN)
        XCTAssert(BFloat16GEMM.rounded(Float(bitPattern: 0x7f80_0001)).isNaN, "a signalling NaN with a low payload")
        XCTAssert(multiplied(.nan, by: 1).isNaN)
        XCTAssert(multiplied(1, by: Float(bitPattern: 0x7f80_0001)).isNaN)
    }

    /// The portable rounding and the test's agree on random bit patterns of every exponent.
    func testPortableRoundingAgreesWithTheFormula() {
        var generator = SeededGenerator(seed: 1617)
        for _ in 0..<100_000 {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            let (portable, formula) = (BFloat16GEMM.rounded(x), Self.bfloat16(x))
            XCTAssert(portable.bitPattern == formula.bitPattern || (portable.isNaN && formula.isNaN),
                      "bf16(\(x)): \(portable) vs \(formula)")
            if !(portable.bitPattern == formula.bitPattern || (portable.isNaN && formula.isNaN)) { return }
        }
    }

    /// The kernel and the portable C reference agree within fp32 summation error (they add in
    /// different orders).
    func testKernelAgreesWithThePortableReference() {
        var generator = SeededGenerator(seed: 1618)
        let (m, n, k) = (37, 70, 600)
        let a = (0..<(m * k)).map { _ in 2 * generator.nextUniform() - 1 }
        let b = (0..<(k * n)).map { _ in 2 * generator.nextUniform() - 1 }
        var kernel = [Float](repeating: .nan, count: m * n), reference = kernel
        BFloat16GEMM.multiply(a, transposeA: false, lda: k, b, transposeB: true, ldb: k, into: &kernel, ldc: n, m: m, n: n, k: k)
        BFloat16GEMM.reference(a, transposeA: false, lda: k, b, transposeB: true, ldb: k, into: &reference, ldc: n, m: m, n: n, k: k)
        var outside: [(Int, Int)] = []
        for i in 0..<m {
            for j in 0..<n {
                let magnitude = (0..<k).reduce(0.0) { $0 + abs(Double(Self.bfloat16(a[i * k + $1]) * Self.bfloat16(b[j * k + $1]))) }
                let bound = 2 * Double(k) * 0x1p-23 * magnitude
                if !(abs(Double(kernel[i * n + j]) - Double(reference[i * n + j])) <= bound) { outside.append((i, j)) }
            }
        }
        XCTAssert(outside.isEmpty, "\(outside.count) outputs apart, the first at \(outside.first.map { "\($0)" } ?? "")")
    }

    // MARK: Helpers

    private func multiplied(_ x: Float, by y: Float) -> Float {
        var c: [Float] = [.nan]
        BFloat16GEMM.multiply([x], transposeA: false, lda: 1, [y], transposeB: false, ldb: 1, into: &c, ldc: 1, m: 1, n: 1, k: 1)
        return c[0]
    }

    /// One product against the Double sum of the rounded inputs' products:
    /// |C − (alpha · S + beta · C₀)| ≤ (k + 2) · 2⁻²³ · (|alpha| · Σ|a·b| + |beta · C₀|), the bound
    /// of fp32 recursive summation and the final multiply-adds; C's padding columns untouched;
    /// beta = 0 starts from NaN, which must not be read.
    private func check(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, alpha: Float, beta: Float,
                       extraStride: Int, _ generator: inout SeededGenerator) {
        let lda = (transposeA ? m : k) + extraStride, ldb = (transposeB ? k : n) + extraStride, ldc = n + extraStride
        let a = (0..<((transposeA ? k : m) * lda)).map { _ in 2 * generator.nextUniform() - 1 }
        let b = (0..<((transposeB ? n : k) * ldb)).map { _ in 2 * generator.nextUniform() - 1 }
        let start = (0..<(m * ldc)).map { index in beta == 0 && index % ldc < n ? Float.nan : 2 * generator.nextUniform() - 1 }
        var c = start
        BFloat16GEMM.multiply(a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb, into: &c, ldc: ldc,
                              m: m, n: n, k: k, alpha: alpha, beta: beta)
        let label = "[\(m), \(n), \(k)] transposes \(transposeA) \(transposeB), alpha \(alpha), beta \(beta), stride +\(extraStride)"
        var failures = 0
        for i in 0..<m {
            for j in 0..<ldc {
                let index = i * ldc + j
                guard j < n else {
                    if c[index].bitPattern != start[index].bitPattern { failures += 1 }
                    continue
                }
                var sum = 0.0, magnitude = 0.0
                for p in 0..<k {
                    let x = Self.bfloat16(transposeA ? a[p * lda + i] : a[i * lda + p])
                    let y = Self.bfloat16(transposeB ? b[j * ldb + p] : b[p * ldb + j])
                    sum += Double(x) * Double(y)
                    magnitude += abs(Double(x) * Double(y))
                }
                let kept = beta == 0 ? 0 : Double(beta) * Double(start[index])
                let expected = Double(alpha) * sum + kept
                let bound = Double(k + 2) * 0x1p-23 * (Double(abs(alpha)) * magnitude + abs(kept))
                if !(abs(Double(c[index]) - expected) <= bound) {
                    if failures == 0 { XCTFail("\(label): C[\(i)][\(j)] = \(c[index]), expected \(expected) ± \(bound)") }
                    failures += 1
                }
            }
        }
        XCTAssertEqual(failures, 0, label)
    }
}
