import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), streaming: `update` with any number of byte ranges, then `finalize`.
/// Ours rather than a dependency: the checkpoint checksum is its only use, and swift-crypto
/// roughly doubled a clean release build. The compression function is CSHA256's: on the CPU's
/// SHA extensions where it has them, else its portable rounds; the two give the same digests.
struct SHA256 {
    /// Whether this CPU runs CSHA256's compression, decided once.
    static let hardwareAvailable = nmt_sha256_hardware_supported() != 0
    /// The compression this hasher runs: the SHA extensions, or the portable rounds.
    let usesHardware: Bool
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    /// Bytes of an incomplete 64-byte block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init(usesHardware: Bool = SHA256.hardwareAvailable) {
        precondition(!usesHardware || Self.hardwareAvailable, "this CPU has no SHA extensions")
        self.usesHardware = usesHardware
    }

    mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(base + offset, blocks: blocks)
            offset += 64 * blocks
        }
        if offset < bytes.count { pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset)) }
    }

    mutating func update(data: Data) { data.withUnsafeBytes { update(bufferPointer: $0) } }

    /// The 32-byte digest. Pads with 0x80, zeros and the bit length, as the standard says.
    mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        tail += [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
        tail += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        tail.withUnsafeBytes { update(bufferPointer: $0) }
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    static func hash(data: Data) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// `blocks` consecutive 64-byte blocks.
    private mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
        let usesHardware = usesHardware
        withUnsafeMutableBytes(of: &state) { words in
            let state = words.baseAddress!.assumingMemoryBound(to: UInt32.self)
            let data = start.assumingMemoryBound(to: UInt8.self)
            if usesHardware {
                nmt_sha256_compress_hardware(state, data, blocks)
            } else {
                nmt_sha256_compress_portable(state, data, blocks)
            }
        }
    }
}
