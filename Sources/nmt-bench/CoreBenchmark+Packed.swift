import Autodiff
import Foundation

extension CoreBenchmark {
    /// y = bias + x·W for x [m, k], W [k, n]: OpenBLAS (the bias copied into y, then
    /// cblas_sgemm with beta = 1, as `Tensor.affine` does for a float weight) beside the packed
    /// kernels on W packed beforehand (`PackedProduct`, bias read by the kernel): float32, and
    /// bf16 where the CPU has AVX-512 BF16 (`--precision bf16`: x and W rounded to bf16, fp32
    /// sums, half the weight bytes), on one core. The shapes: beam-5 and greedy decoding steps of
    /// the Multi30k models (output layer k = 512, n = 7859; Transformer d = 256) and the
    /// recurrent step of training (B = 32 per replica). Speed-ups are OpenBLAS's time over each
    /// packed kernel's.
    static func packedProducts(settings: Settings, generator: inout SeededGenerator) {
        let bf16 = BFloat16GEMM.isSupported
        print(pad("shape", 26) + pad("OpenBLAS", 22) + pad("packed fp32 (\(PackedProduct.Path.best))", 24)
              + (bf16 ? pad("packed bf16", 22) + "speed-up fp32, bf16" : "speed-up (no AVX-512 BF16: no bf16 column)"))
        Parallel.onOneCore {
            for (m, k, n) in [(5, 512, 7859), (64, 512, 7859), (128, 512, 7859), (192, 512, 7859), (320, 512, 7859),
                              (32, 512, 2048), (128, 512, 2048), (320, 512, 2048), (10, 256, 1024), (100, 256, 5832),
                              (320, 256, 5832)] {
                let x = random([m, k], &generator), w = random([k, n], &generator), bias = random([n], &generator)
                let packed = PackedWeight(packing: w, units: .columns)
                let packedBF16 = bf16 ? PackedWeight(packing: w, units: .columns, precision: .bfloat16) : nil
                let y = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
                defer { y.deallocate() }
                let blas = Timing.whole {
                    for row in 0..<m { (y + row * n).update(from: bias.data, count: n) }
                    GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: y, m: m, n: n, k: k, beta: 1)
                }
                let kernel = Timing.whole { PackedProduct.multiply(x, by: packed, bias: bias, into: y, accumulate: false) }
                let kernels = [blas, kernel] + (packedBF16.map { weight in
                    [Timing.whole { PackedProduct.multiply(x, by: weight, bias: bias, into: y, accumulate: false) }]
                } ?? [])
                let flops = 2.0 * Double(m) * Double(n) * Double(k)
                let times = Timing.medians(kernels, warmUp: settings.warmUp, repetitions: settings.repetitions,
                                           iterations: settings.iterations(forFlops: flops))
                func cell(_ seconds: Double) -> String { String(format: "%8.3f ms %5.1f GF", seconds * 1e3, flops / seconds * 1e-9) }
                let speedUps = times.dropFirst().map { String(format: "%.2f×", times[0] / $0) }.joined(separator: ", ")
                print(pad("[\(m),\(k)]×[\(k),\(n)]", 26) + pad(cell(times[0]), 22) + pad(cell(times[1]), 24)
                      + (times.count > 2 ? pad(cell(times[2]), 22) : "") + speedUps)
            }
        }
    }
}
