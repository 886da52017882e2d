extension String {
    /// The string of `scalars`, encoded straight into the string's UTF-8 storage. The standard
    /// library's `unicodeScalars.append(contentsOf:)` goes through a generic slow path that cost
    /// the tokenizer 40% of its time.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var byteCount = 0
        for scalar in scalars { byteCount += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var n = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    buffer[n] = UInt8(truncatingIfNeeded: value)
                    n += 1
                } else {
                    UTF8.encode(scalar) { byte in
                        buffer[n] = byte
                        n += 1
                    }
                }
            }
            return n
        }
    }
}
