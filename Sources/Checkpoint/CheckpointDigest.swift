/// The checksum of format version 2, `content_sha256`: SHA-256 over everything a checkpoint
/// says, independent of how a writer laid it out. It covers the caller's metadata and every
/// tensor's name, shape and values, each taken in byte order of its name, so a file re-saved by
/// another safetensors writer (Python's sorts tensors by name; JSON key order is free) keeps
/// its checksum, while any edit to a metadata value, a name, a shape or a value changes it.
///
/// The hashed message, every integer a little-endian UInt64, every string its UTF-8 bytes after
/// its length:
///
///     "nmt-checkpoint-content/2"
///     m, then m × (key, value)            metadata without the reserved keys, by key
///     t, then t × (name, rank, d₀ … d_{rank−1}, byte count, value bytes)     tensors, by name
///
/// The value bytes are Float32 (F32) or int8 (I8); with the shape, the byte count tells which
/// (4 · Πd or Πd), so the dtype needs no field of its own.
/// Length prefixes make the encoding unambiguous: no two different contents hash the same bytes.
struct CheckpointDigest {
    private var hasher = SHA256()

    init(metadata: [String: String], tensorCount: Int) {
        append("nmt-checkpoint-content/2")
        append(metadata.count)
        for key in metadata.keys.sorted(by: Self.byteOrder) {
            append(key)
            append(metadata[key]!)
        }
        append(tensorCount)
    }

    /// Call once per tensor, in `byteOrder` of the names.
    mutating func appendTensor(name: String, shape: [Int], bytes: UnsafeRawBufferPointer) {
        append(name)
        append(shape.count)
        for dimension in shape { append(dimension) }
        append(bytes.count)
        hasher.update(bufferPointer: bytes)
    }

    /// Lowercase hex.
    mutating func finalize() -> String {
        hexadecimal(hasher.finalize())
    }

    /// Names compared by their UTF-8 bytes: a total order every language can reproduce (Swift's
    /// `<` on String compares Unicode-normalized text instead).
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func append(_ value: Int) {
        withUnsafeBytes(of: UInt64(value).littleEndian) { hasher.update(bufferPointer: $0) }
    }

    private mutating func append(_ text: String) {
        var text = text
        append(text.utf8.count)
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
}

/// Lowercase hex of a digest.
func hexadecimal<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var result = [UInt8]()
    for byte in digest {
        result.append(digits[Int(byte >> 4)])
        result.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: result, as: UTF8.self)
}
