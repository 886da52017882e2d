/// Eight xoshiro256** generators run side by side in SIMD lanes: lane j is exactly a
/// `SeededGenerator` seeded with the j-th of eight words drawn from the generator it was made
/// from. One step gives 8 × 64 random bits, read as sixteen 32-bit words (lane j's output is
/// words 2j (low half) and 2j + 1 (high half)), so a dropout mask takes one step per 16 elements
/// instead of one scalar draw per element.
struct RandomLanes {
    private var s0, s1, s2, s3: SIMD8<UInt64>

    /// Draws eight words from `generator` (advancing it by 8 whatever the mask's length).
    init(seededFrom generator: inout SeededGenerator) {
        var words = [SIMD8<UInt64>](repeating: .zero, count: 4)
        for lane in 0..<8 {
            let state = SeededGenerator(seed: generator.next()).stateWords
            for word in 0..<4 { words[word][lane] = state[word] }
        }
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
    }

    /// The next output of every lane (the same recurrence as `SeededGenerator.next`).
    @inline(__always)
    mutating func next() -> SIMD8<UInt64> {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// `next()` as sixteen 32-bit words, lane j's output in words 2j and 2j + 1.
    @inline(__always)
    mutating func nextWords() -> SIMD16<UInt32> {
        unsafeBitCast(next(), to: SIMD16<UInt32>.self)
    }

    @inline(__always)
    private static func rotl(_ x: SIMD8<UInt64>, _ k: UInt64) -> SIMD8<UInt64> {
        (x &<< SIMD8(repeating: k)) | (x &>> SIMD8(repeating: 64 - k))
    }
}
