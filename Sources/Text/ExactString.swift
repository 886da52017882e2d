#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dictionary key that compares strings by their exact UTF-8 bytes. Swift's `String` equality
/// treats canonically equivalent strings (`é` precomposed and `e` + combining accent) as equal;
/// subword-nmt and the PyTorch peer compare code points, and so must the BPE cache and the
/// vocabulary if their results are to match those tools on any input.
struct ExactString: Hashable, Sendable {
    let value: String

    init(_ value: String) {
        self.value = value
    }

    static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        let (a, b) = (lhs.value.utf8, rhs.value.utf8)
        guard a.count == b.count else { return false }
        let equal: Bool? = a.withContiguousStorageIfAvailable { a in
            b.withContiguousStorageIfAvailable { b in
                a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        } ?? nil
        return equal ?? a.elementsEqual(b)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = value.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            for byte in value.utf8 { hasher.combine(byte) }
        }
    }
}
