import Text

/// A seeded source of indices below a bound, so that a toy corpus is the same on every run.
package protocol SeededIndices {
    mutating func next(_ bound: Int) -> Int
}

/// Knuth's MMIX linear congruential generator, high bits modulo the bound: the stream that wrote
/// the corpora of `TrainingFixture` and of the MPI training tests.
package struct LinearCongruentialIndices: SeededIndices {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % bound
    }
}

/// `Text`'s SplitMix64 modulo the bound: the stream that wrote the server tests' corpus and
/// held-out sentences. Kept beside the other because the server tests' model is trained on that
/// corpus; another stream would be another model.
package struct SplitMixIndices: SeededIndices {
    private var generator: SplitMix64

    package init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    package mutating func next(_ bound: Int) -> Int {
        Int(generator.next() % UInt64(bound))
    }
}
