import Files

/// A 128-bit digest of byte strings (corpus files, settings), to tell whether prepared data was
/// made from the same input. Not cryptographic: it tells an edited corpus from the old one, not
/// an adversary's forgery. Two 64-bit lanes read the input as little-endian 64-bit words:
/// a ← (a ⊕ w) · p₁ and b ← rotl(b + w · p₂, 31) · p₃; the length is mixed in last, so inputs
/// that differ only by trailing zero bytes differ.
struct ContentHash: Equatable {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var length: UInt64 = 0
    /// Bytes not yet forming a whole word.
    private var pending: [UInt8] = []

    init() {}

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            while pending.count < 8 && start < bytes.count {
                pending.append(bytes[start])
                start += 1
            }
            guard pending.count == 8 else { return }
            pending.withUnsafeBytes { mix($0.loadUnaligned(as: UInt64.self)) }
            pending.removeAll(keepingCapacity: true)
        }
        let words = (bytes.count - start) / 8
        for w in 0..<words { mix(bytes.loadUnaligned(fromByteOffset: start + 8 * w, as: UInt64.self)) }
        pending.append(contentsOf: bytes[(start + 8 * words)...])
    }

    mutating func add(_ text: String) {
        var text = text
        // The length first, so that a list of strings cannot be cut into others with equal bytes.
        add(UInt64(text.utf8.count))
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    /// The contents of the file at `path`, read in blocks.
    mutating func add(contentsOf path: String) throws {
        let file: POSIXFile
        do { file = try POSIXFile.openForReading(path) } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "read", path: path)
        }
        defer { try? file.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 22, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count: Int
            do { count = try file.readSome(into: buffer) } catch let failure as POSIXFile.Failure {
                throw FileError(failure, operation: "read", path: path)
            }
            if count == 0 { break }
            add(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        add(UInt64(0xF11E))
    }

    private mutating func mix(_ word: UInt64) {
        let w = UInt64(littleEndian: word)
        a = (a ^ w) &* 0x0000_0100_0000_01B3
        let t = b &+ w &* 0x9E37_79B9_7F4A_7C15
        b = ((t << 31) | (t >> 33)) &* 0xC2B2_AE3D_27D4_EB4F
    }

    /// 32 hex digits.
    var hex: String {
        var copy = self
        var tail = [UInt8](repeating: 0, count: 8)
        for (i, byte) in copy.pending.enumerated() { tail[i] = byte }
        if !copy.pending.isEmpty { tail.withUnsafeBytes { copy.mix($0.loadUnaligned(as: UInt64.self)) } }
        copy.mix(length)
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(copy.a) + digits(copy.b)
    }
}
