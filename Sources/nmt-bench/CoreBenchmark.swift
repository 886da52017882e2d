import Autodiff
import COpenBLAS
import Foundation
import Translation

/// `nmt-bench core`: what the autodiff engine adds on top of OpenBLAS.
///
/// (a) `Tensor.matmul` beside a bare `GEMM.multiply` (cblas_sgemm, split over the cores) on the
///     same buffers and shapes, forward and forward + backward. The tensor path adds a pooled
///     output buffer, a precondition and a tape entry per call; that must stay within 5% of the
///     GEMM.
/// (b) One fused LSTM cell step (B = 64, H = 512, gates [64, 2048]) forward + backward, beside the
///     three GEMMs the same recurrent step needs, to see what the elementwise part costs next to them.
/// (c) Products by weights packed once (`PackedProduct`, decoding and the recurrent steps of
///     training), in float32 and in bf16, beside OpenBLAS on the same shapes
///     (CoreBenchmark+Packed.swift).
/// (d) Products on bf16 inputs (`ProductPrecision.bfloat16`) beside OpenBLAS's sgemm on training
///     shapes, one core (CoreBenchmark+BFloat16.swift).
enum CoreBenchmark {
    static let overheadLimit = 5.0  // percent

    /// How long to measure (`quick`: one repetition, a smoke run) and on how many BLAS threads.
    struct Settings {
        var warmUp = 3
        var repetitions = 9
        var quick = false
        /// Cores a product splits over (nil: all).
        var blasThreads: Int?

        func iterations(forFlops flops: Double) -> Int {
            // About 0.1 s of GEMM per repetition at ~100 GFLOPS, at least one call.
            quick ? 1 : max(1, Int(1e10 / flops))
        }
    }

    static func run(_ settings: Settings) {
        Parallel.with(cores: settings.blasThreads ?? Parallel.cores) { measure(settings) }
    }

    private static func measure(_ settings: Settings) {
        print("nmt-bench core — \(Machine.buildConfiguration); load average \(Machine.loadAverage); \(Machine.summary)")
        print("median of \(settings.repetitions) repetitions after \(settings.warmUp) warm-up calls; the bodies compared are interleaved\n")
        var generator = SeededGenerator(seed: 2024)
        var worstOverhead = -Double.infinity
        print("(a) matmul: Tensor.matmul vs GEMM.multiply (cblas_sgemm split over \(Parallel.coreBudget) core\(Parallel.coreBudget == 1 ? "" : "s"))")
        print(pad("shape", 26) + pad("pass", 10) + pad("sgemm", 20) + pad("Tensor", 20) + "overhead")
        for (m, k, n) in [(64, 512, 2048), (1024, 512, 8000)] {
            let overheads = matmul(m: m, k: k, n: n, settings: settings, generator: &generator)
            worstOverhead = max(worstOverhead, overheads.max()!)
        }
        let verdict = worstOverhead <= overheadLimit ? "within" : "OVER"
        print(String(format: "worst overhead %+.1f%% (%@ the %.0f%% limit)\n", worstOverhead, verdict, overheadLimit))

        print("(b) one LSTM step at B = 64, H = 512: fused cell vs the step's GEMMs")
        lstmStep(batch: 64, hidden: 512, settings: settings, generator: &generator)
        print("\n(c) products by packed weights vs OpenBLAS, y = bias + x·W, one core")
        packedProducts(settings: settings, generator: &generator)
        print("\n(d) products on bf16 inputs vs OpenBLAS sgemm, C = op(A)·op(B), one core")
        bfloat16Products(settings: settings, generator: &generator)
        print("\nload average after: \(Machine.loadAverage)")
    }

    // MARK: (a) matmul

    /// Prints forward and forward + backward rows for [m, k]·[k, n]; returns the overheads in percent.
    private static func matmul(m: Int, k: Int, n: Int, settings: Settings,
                               generator: inout SeededGenerator) -> [Double] {
        let a = random([m, k], &generator), b = random([k, n], &generator)
        let seed = random([m, n], &generator)  // dC, standing in for the gradient from downstream
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        let da = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
        let db = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        defer { c.deallocate(); da.deallocate(); db.deallocate() }
        da.update(repeating: 0, count: m * k)
        db.update(repeating: 0, count: k * n)
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        let shape = "[\(m),\(k)]×[\(k),\(n)]"

        // C = A·B.
        let rawForward = Timing.whole { sgemm(a.data, false, b.data, false, c, m: m, n: n, k: k) }
        let tape = Tape()
        let tensorForward: Timing.Body = {  // recording, as in training; the entry dropped untimed
            tape.recording([a, b]) {
                let start = Timing.now()
                _ = a.matmul(b)
                let elapsed = Timing.seconds(since: start)
                tape.reset()  // the product goes back to the pool
                return elapsed
            }
        }
        // C = A·B, dA += dC·Bᵀ, dB += Aᵀ·dC.
        let rawBoth = Timing.whole {
            sgemm(a.data, false, b.data, false, c, m: m, n: n, k: k)
            sgemm(seed.data, false, b.data, true, da, m: m, n: k, k: n, beta: 1)
            sgemm(a.data, true, seed.data, false, db, m: k, n: n, k: m, beta: 1)
        }
        let tensorBoth: Timing.Body = {
            let start = Timing.now()
            let product = tape.recording([a, b]) { a.matmul(b) }
            var elapsed = Timing.seconds(since: start)
            product.gradBuffer().update(from: seed.data, count: m * n)  // untimed: the downstream op's work
            elapsed += backwardTime(tape)
            return elapsed
        }
        let forward = Timing.medians([rawForward, tensorForward], warmUp: settings.warmUp,
                                     repetitions: settings.repetitions, iterations: settings.iterations(forFlops: flops))
        let both = Timing.medians([rawBoth, tensorBoth], warmUp: settings.warmUp,
                                  repetitions: settings.repetitions, iterations: settings.iterations(forFlops: 3 * flops))
        return [
            row(shape, "forward", raw: forward[0], tensor: forward[1], flops: flops),
            row("", "fwd+bwd", raw: both[0], tensor: both[1], flops: 3 * flops),
        ]
    }

    private static func row(_ shape: String, _ pass: String, raw: Double, tensor: Double, flops: Double) -> Double {
        let overhead = (tensor / raw - 1) * 100
        print(pad(shape, 26) + pad(pass, 10)
              + pad(String(format: "%8.3f ms %5.1f GF", raw * 1e3, flops / raw * 1e-9), 20)
              + pad(String(format: "%8.3f ms %5.1f GF", tensor * 1e3, flops / tensor * 1e-9), 20)
              + String(format: "%+6.1f%%", overhead))
        return overhead
    }

    // MARK: (b) LSTM step

    private static func lstmStep(batch: Int, hidden: Int, settings: Settings, generator: inout SeededGenerator) {
        let gates = random([batch, 4 * hidden], &generator, scale: 2)
        let previousCell = random([batch, hidden], &generator)
        let seedHidden = random([batch, hidden], &generator), seedCell = random([batch, hidden], &generator)
        let tape = Tape()
        tape.watch([gates, previousCell])

        // The fused cell, recording as in training, with its rows split across the cores (as
        // shipped: 64 rows of 2048 gate values pass `Parallel.threshold`) and on one thread.
        // Forward and backward are timed by separate bodies, each leaving the other untimed.
        func cell(threshold: Int) -> (forward: Timing.Body, backward: Timing.Body) {
            let forward: Timing.Body = {
                Parallel.with(threshold: threshold) {
                    let start = Timing.now()
                    _ = Tensor.lstmCell(gates: gates, previousCell: previousCell)
                    let elapsed = Timing.seconds(since: start)
                    tape.reset()
                    return elapsed
                }
            }
            let backward: Timing.Body = {
                Parallel.with(threshold: threshold) {
                    let (h, c) = Tensor.lstmCell(gates: gates, previousCell: previousCell)
                    h.gradBuffer().update(from: seedHidden.data, count: h.count)  // dL/dh, dL/dc from above
                    c.gradBuffer().update(from: seedCell.data, count: c.count)
                    return backwardTime(tape)
                }
            }
            return (forward, backward)
        }
        let split = cell(threshold: Parallel.defaultThreshold), serial = cell(threshold: Int.max)

        // The recurrent GEMMs of the same step: gates += h₋₁·W_hh forward; dh₋₁ = dgates·W_hhᵀ and
        // dW_hh += h₋₁ᵀ·dgates backward (x·W_ih is batched over all time steps outside the loop).
        let h = random([batch, hidden], &generator), w = random([hidden, 4 * hidden], &generator)
        let dgates = random([batch, 4 * hidden], &generator)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: batch * 4 * hidden)
        let dh = UnsafeMutablePointer<Float>.allocate(capacity: batch * hidden)
        let dw = UnsafeMutablePointer<Float>.allocate(capacity: hidden * 4 * hidden)
        defer { out.deallocate(); dh.deallocate(); dw.deallocate() }
        dw.update(repeating: 0, count: hidden * 4 * hidden)
        let gemmForward = Timing.whole {
            sgemm(h.data, false, w.data, false, out, m: batch, n: 4 * hidden, k: hidden)
        }
        let gemmInput = Timing.whole {
            sgemm(dgates.data, false, w.data, true, dh, m: batch, n: hidden, k: 4 * hidden)
        }
        let gemmWeight = Timing.whole {
            sgemm(h.data, true, dgates.data, false, dw, m: hidden, n: 4 * hidden, k: batch, beta: 1)
        }

        let flops = 2.0 * Double(batch) * Double(hidden) * Double(4 * hidden)
        let iterations = settings.quick ? 1 : 50
        let times = Timing.medians([split.forward, split.backward, serial.forward, serial.backward,
                                    gemmForward, gemmInput, gemmWeight],
                                   warmUp: settings.warmUp, repetitions: settings.repetitions, iterations: iterations)
        let gemms = times[4] + times[5] + times[6]

        let labelWidth = 46
        func microseconds(_ seconds: Double) -> String { String(format: "%8.1f µs", seconds * 1e6) }
        print(pad("", labelWidth) + pad("  split, \(Parallel.cores) cores", 16) + "  one thread")
        for (label, splitTime, serialTime) in [
            ("fused lstmCell forward  [64,2048] → 2×[64,512]", times[0], times[2]),
            ("fused lstmCell backward", times[1], times[3]),
            ("fused lstmCell forward + backward", times[0] + times[1], times[2] + times[3]),
        ] {
            print(pad(label, labelWidth) + pad(microseconds(splitTime), 16) + microseconds(serialTime))
        }
        for (label, time, count) in [
            ("GEMM h₋₁·W_hh       [64,512]×[512,2048]", times[4], 1.0),
            ("GEMM dgates·W_hhᵀ   [64,2048]×[2048,512]", times[5], 1),
            ("GEMM h₋₁ᵀ·dgates    [512,64]×[64,2048] +=", times[6], 1),
            ("GEMMs of the step, total", gemms, 3),
        ] {
            print(pad(label, labelWidth) + microseconds(time) + String(format: "  %5.1f GF", count * flops / time * 1e-9))
        }
        print(String(format: "fused cell forward + backward / GEMMs: %.1f%% split, %.1f%% on one thread",
                     (times[0] + times[1]) / gemms * 100, (times[2] + times[3]) / gemms * 100))
    }

    // MARK: Helpers

    /// Times the pending backward rules. The seed gradients were written into the outputs' grad
    /// buffers by hand, so backward starts from a throwaway scalar that no rule reads: its seed
    /// of 1 goes nowhere and every rule reads the seeded buffers.
    /// Runs `tape`'s rules (seeded by hand beforehand) from a stand-in scalar.
    private static func backwardTime(_ tape: Tape) -> Double {
        let trigger = Tensor(scalar: 0)
        let start = Timing.now()
        tape.backward(from: trigger)
        return Timing.seconds(since: start)
    }

    /// Row-major C[m×n] = op(A)·op(B) + beta·C, straight to OpenBLAS with packed leading dimensions.
    @inline(__always)
    private static func sgemm(_ a: UnsafePointer<Float>, _ transposeA: Bool, _ b: UnsafePointer<Float>, _ transposeB: Bool,
                              _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float = 0) {
        GEMM.multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: c, m: m, n: n, k: k, beta: beta)
    }

    static func random(_ shape: [Int], _ generator: inout SeededGenerator, scale: Float = 1) -> Tensor {
        let tensor = Tensor(uninitialized: shape)
        for i in 0..<tensor.count { tensor.data[i] = scale * (2 * generator.nextUniform() - 1) }
        return tensor
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
