#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped read-only into memory (mmap), for data read at random that is
/// larger than the memory a process should hold: the kernel pages it in as it is touched, and
/// `releaseResidentPages()` gives the touched pages back to the page cache, so the process's
/// resident size does not grow with what it has read. The file must not be changed while
/// mapped; files that matter are replaced whole (FileReplacement), which leaves a mapping of
/// the old contents intact.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    /// The contents, `size` bytes; valid until the object goes.
    public let bytes: UnsafeRawBufferPointer

    public init(path: String) throws {
        let file: POSIXFile
        do { file = try POSIXFile.openForReading(path) } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "read", path: path)
        }
        defer { try? file.close() }
        let size: Int
        do { size = try file.size() } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "read", path: path)
        }
        self.path = path
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_SHARED, file.descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw FileError(POSIXFile.Failure(operation: "mmap", code: errno), operation: "map", path: path)
        }
        // Reads jump about the file: no read-ahead of neighbouring pages.
        _ = madvise(address, size, MADV_RANDOM)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Drops the pages read so far from this process (they stay in the page cache; touching
    /// them again maps them back without reading the disk).
    public func releaseResidentPages() {
        guard let start = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: start), bytes.count, MADV_DONTNEED)
    }

    deinit {
        if let start = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: start), bytes.count) }
    }
}
