import Autodiff
import COpenBLAS
import Foundation

/// Parameter initializations as the toolkits do them. A generator that does not draw parameters
/// (`SeededGenerator.drawsParameters`) gets zeros of the same shapes from every one of them.
public enum Initializer {
    /// Glorot/Xavier uniform for a [fanIn, fanOut] projection: U(−a, a), a = √(6 / (fanIn + fanOut)).
    public static func xavierUniform(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count == 2, "xavierUniform takes a matrix shape, got \(shape)")
        let limit = (6 / Float(shape[0] + shape[1])).squareRoot()
        return uniform(shape, limit: limit, using: &generator)
    }

    /// U(−1/√fanIn, 1/√fanIn) for a [fanIn, fanOut] projection (PyTorch's nn.Linear default).
    public static func fanInUniform(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor {
        precondition(shape.count == 2, "fanInUniform takes a matrix shape, got \(shape)")
        return uniform(shape, limit: 1 / Float(shape[0]).squareRoot(), using: &generator)
    }

    /// U(−limit, limit).
    public static func uniform(_ shape: [Int], limit: Float, using generator: inout SeededGenerator) -> Tensor {
        guard generator.drawsParameters else { return zeros(shape) }
        let tensor = Tensor(uninitialized: shape, requiresGrad: true)
        for i in 0..<tensor.count { tensor.data[i] = (2 * generator.nextUniform() - 1) * limit }
        return tensor
    }

    /// N(0, std²).
    public static func normal(_ shape: [Int], std: Float, using generator: inout SeededGenerator) -> Tensor {
        guard generator.drawsParameters else { return zeros(shape) }
        let tensor = Tensor(uninitialized: shape, requiresGrad: true)
        for i in 0..<tensor.count { tensor.data[i] = std * generator.nextNormal() }
        return tensor
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(zeros: shape, requiresGrad: true) }

    /// A recurrent matrix [n, blocks·n] whose every [n, n] block (one per gate) is a random
    /// orthogonal matrix: the Q of a QR factorization (LAPACKE sgeqrf + sorgqr) of a Gaussian
    /// matrix, with column signs fixed by R's diagonal so the distribution is uniform (Haar).
    public static func orthogonalBlocks(size n: Int, blocks: Int, using generator: inout SeededGenerator) -> Tensor {
        guard generator.drawsParameters else { return zeros([n, blocks * n]) }
        let tensor = Tensor(uninitialized: [n, blocks * n], requiresGrad: true)
        for block in 0..<blocks {
            let q = orthogonal(n, using: &generator)
            for r in 0..<n {
                for c in 0..<n { tensor.data[r * blocks * n + block * n + c] = q[r * n + c] }
            }
        }
        return tensor
    }

    /// A random n×n orthogonal matrix, row-major.
    public static func orthogonal(_ n: Int, using generator: inout SeededGenerator) -> [Float] {
        var a = (0..<(n * n)).map { _ in generator.nextNormal() }
        var tau = [Float](repeating: 0, count: n)
        let size = Int32(n)
        GEMM.confineOpenBLASToCallingThread()
        var status = LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, size, size, &a, size, &tau)
        precondition(status == 0, "LAPACKE_sgeqrf failed with status \(status)")
        let signs = (0..<n).map { a[$0 * n + $0] < 0 ? Float(-1) : 1 }
        status = LAPACKE_sorgqr(LAPACK_ROW_MAJOR, size, size, size, &a, size, &tau)
        precondition(status == 0, "LAPACKE_sorgqr failed with status \(status)")
        for r in 0..<n { for c in 0..<n { a[r * n + c] *= signs[c] } }
        return a
    }
}
