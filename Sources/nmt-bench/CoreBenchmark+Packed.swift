import Autodiff
import Foundation

extension CoreBenchmark {
    /// y = bias + x·W for x [m, k], W [k, n]: OpenBLAS (the bias copied into y, then
    /// cblas_sgemm with beta = 1, as `Tensor.affine` does for a float weight) beside the packed
    /// kernel on W packed beforehand (`PackedProduct`, bias read by the kernel), on one core. The
    /// shapes: beam-5 and greedy decoding steps of the Multi30k models (output layer k = 512,
    /// n = 7859; Transformer d = 256) and the recurrent step of training (B = 32 per replica).
    static func packedProducts(settings: Settings, generator: inout SeededGenerator) {
        print(pad("shape", 26) + pad("OpenBLAS", 22) + pad("packed (\(PackedProduct.Path.best))", 22) + "speed-up")
        Parallel.onOneCore {
            for (m, k, n) in [(5, 512, 7859), (64, 512, 7859), (128, 512, 7859), (192, 512, 7859), (320, 512, 7859),
                              (32, 512, 2048), (128, 512, 2048), (320, 512, 2048), (10, 256, 1024), (100, 256, 5832),
                              (320, 256, 5832)] {
                let x = random([m, k], &generator), w = random([k, n], &generator), bias = random([n], &generator)
                let packed = PackedWeight(packing: w, units: .columns)
                let y = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
                defer { y.deallocate() }
                let blas = Timing.whole {
                    for row in 0..<m { (y + row * n).update(from: bias.data, count: n) }
                    GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: y, m: m, n: n, k: k, beta: 1)
                }
                let kernel = Timing.whole { PackedProduct.multiply(x, by: packed, bias: bias, into: y, accumulate: false) }
                let flops = 2.0 * Double(m) * Double(n) * Double(k)
                let times = Timing.medians([blas, kernel], warmUp: settings.warmUp, repetitions: settings.repetitions,
                                           iterations: settings.iterations(forFlops: flops))
                func cell(_ seconds: Double) -> String { String(format: "%8.3f ms %5.1f GF", seconds * 1e3, flops / seconds * 1e-9) }
                print(pad("[\(m),\(k)]×[\(k),\(n)]", 26) + pad(cell(times[0]), 22) + pad(cell(times[1]), 22)
                      + String(format: "%.2f×", times[0] / times[1]))
            }
        }
    }
}
