/// A seeded generator (xoshiro256** seeded through SplitMix64) whose sequence is the same on
/// every run and machine. Its whole state is four words, so checkpoints can store and restore it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// Whether the parameter initializers (Layers' `Initializer`) draw values from this
    /// generator; false builds a model's parameters as zeros, for a model whose every parameter
    /// is read from a checkpoint next (drawing them takes normal draws and LAPACK's QR for the
    /// orthogonal blocks, all thrown away).
    public var drawsParameters = true

    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// Restores a saved state (see `stateWords`).
    public init(stateWords: [UInt64]) {
        precondition(stateWords.count == 4, "a generator state is 4 words")
        state = (stateWords[0], stateWords[1], stateWords[2], stateWords[3])
    }

    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 24 random bits, the same on every platform.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Standard normal by Box–Muller (one of the pair is used: simplicity over speed; init only).
    public mutating func nextNormal() -> Float {
        let u1 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * log(max(u1, 1e-300))).squareRoot()
        return Float(radius * cos(2 * Double.pi * u2))
    }
}

import Foundation
