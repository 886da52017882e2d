import Autodiff
import Foundation

extension CoreBenchmark {
    /// C = op(A)·op(B) through `GEMM.multiply` on one core, in float32 (OpenBLAS's sgemm) and
    /// under `ProductPrecision.with(.bfloat16)` (`BFloat16GEMM`: inputs rounded to bf16 while
    /// packed, fp32 sums). The shapes: a Transformer feed-forward step of training, the output
    /// layer of the Multi30k models at 832 target tokens with its two backward products, an LSTM
    /// step's gates, and a square product.
    static func bfloat16Products(settings: Settings, generator: inout SeededGenerator) {
        guard BFloat16GEMM.isSupported else {
            print("skipped: this CPU has no AVX-512 BF16")
            return
        }
        print(pad("product", 38) + pad("OpenBLAS sgemm", 22) + pad("bf16 kernel", 22) + "bf16 / sgemm")
        let shapes: [(label: String, m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool)] = [
            ("[64,1280]×[1280,512]", 64, 1280, 512, false, false),
            ("[832,512]×[512,7859]", 832, 512, 7859, false, false),
            ("dX = dY·Wᵀ [832,7859]×[7859,512]", 832, 7859, 512, false, true),
            ("dW = Xᵀ·dY [512,832]×[832,7859]", 512, 832, 7859, true, false),
            ("[32,1024]×[1024,2048]", 32, 1024, 2048, false, false),
            ("[512,512]×[512,512]", 512, 512, 512, false, false),
        ]
        Parallel.onOneCore {
            for shape in shapes {
                let (m, k, n) = (shape.m, shape.k, shape.n)
                let a = random(shape.transposeA ? [k, m] : [m, k], &generator)
                let b = random(shape.transposeB ? [n, k] : [k, n], &generator)
                let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
                defer { c.deallocate() }
                let product = {
                    GEMM.multiply(a.data, transposeA: shape.transposeA, b.data, transposeB: shape.transposeB,
                                  into: c, m: m, n: n, k: k)
                }
                let float32 = Timing.whole(product)
                let bfloat16 = Timing.whole { ProductPrecision.with(.bfloat16, product) }
                let flops = 2.0 * Double(m) * Double(n) * Double(k)
                let times = Timing.medians([float32, bfloat16], warmUp: settings.warmUp, repetitions: settings.repetitions,
                                           iterations: settings.iterations(forFlops: flops))
                func cell(_ seconds: Double) -> String { String(format: "%8.3f ms %5.1f GF", seconds * 1e3, flops / seconds * 1e-9) }
                print(pad(shape.label, 38) + pad(cell(times[0]), 22) + pad(cell(times[1]), 22)
                      + String(format: "%.2f×", times[0] / times[1]))
            }
        }
    }
}
