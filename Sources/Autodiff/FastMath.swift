/// Vectorizable exp, tanh and sigmoid for the hot kernels.
///
/// exp: x = n·ln2 + r with |r| ≤ ln2/2, e^r from a degree-6 minimax polynomial (the classic
/// Cephes single-precision coefficients), 2^n assembled in the exponent bits. Relative error
/// about 2e-7 over the clamped range; written branch-free so loops over it vectorize.
/// Everything is @inlinable so kernels in other modules inline (and vectorize) it too.
public enum FastMath {
    /// Σ a[i]·b[i] with eight independent partial sums: strict IEEE order would forbid the
    /// compiler to vectorize a plain running sum.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var partial = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            partial += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = partial.sum()
        while i < count { total += a[i] * b[i]; i += 1 }
        return total
    }

    /// Sixteen floats from p, or the first `width` < 16 of them with the other lanes 0: the last,
    /// shorter block of a loop over sixteen at a time.
    @inlinable @inline(__always)
    public static func load16(_ p: UnsafePointer<Float>, _ width: Int) -> SIMD16<Float> {
        if width == 16 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }
        var lanes = SIMD16<Float>.zero
        for j in 0..<width { lanes[j] = p[j] }
        return lanes
    }

    /// Stores sixteen lanes at p, or the first `width` < 16 of them.
    @inlinable @inline(__always)
    public static func store16(_ lanes: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>, _ width: Int) {
        if width == 16 { UnsafeMutableRawPointer(p).storeBytes(of: lanes, as: SIMD16<Float>.self); return }
        for j in 0..<width { p[j] = lanes[j] }
    }

    /// Σ a[i], vectorized like `dot`.
    @inlinable @inline(__always)
    public static func sum(_ a: UnsafePointer<Float>, count: Int) -> Float {
        var partial = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            partial += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = partial.sum()
        while i < count { total += a[i]; i += 1 }
        return total
    }

    /// y[i] += alpha · x[i] (an axpy), eight lanes at a time.
    @inlinable @inline(__always)
    public static func addScaled(_ x: UnsafePointer<Float>, _ alpha: Float, to y: UnsafeMutablePointer<Float>, count: Int) {
        let scale = SIMD8<Float>(repeating: alpha)
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
                + scale * UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { y[i] += alpha * x[i]; i += 1 }
    }

    /// max_i a[i] (−∞ for none) with sixteen independent lanes: a running `Swift.max` is a chain
    /// of dependent compares the compiler may not reorder, one element per compare's latency.
    /// The maximum is exact, so the lanes change no result.
    @inlinable @inline(__always)
    public static func maximum(_ a: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD16<Float>(repeating: -.infinity)
        var i = 0
        while i + 16 <= count {
            // A compare and a select (vmaxps); `pointwiseMax` keeps IEEE maxNum's NaN rule and
            // compiles to sixteen scalar compares.
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD16<Float>.self)
            lanes.replace(with: x, where: x .> lanes)
            i += 16
        }
        var result = lanes.max()
        while i < count { result = Swift.max(result, a[i]); i += 1 }
        return result
    }

    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -87.0), 88.0)
        // Round to nearest by adding and subtracting 1.5·2²³ (exact for |x| < 2²²): unlike
        // `rounded()`, which calls rintf, this keeps the loop vectorizable.
        let shifter: Float = 12_582_912
        let n = (clamped * 1.44269504088896341 + shifter) - shifter
        // ln 2 split in a high part exact in float and a low correction.
        var r = clamped - n * 0.693359375
        r = r + n * 2.12194440e-4
        let r2 = r * r
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let er = p * r2 + r + 1
        let bits = UInt32(bitPattern: Int32(n) &+ 127) &<< 23
        return er * Float(bitPattern: bits)
    }

    /// tanh(x) = 1 − 2 / (e^{2x} + 1); absolute error below 2e-7.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        1 - 2 / (exp(2 * x) + 1)
    }

    /// σ(x) = 1 / (1 + e^{−x}).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }
}
