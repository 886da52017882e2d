#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of lines that processes append to (metrics.jsonl) ends in part of a line when its
/// writer is killed mid-write; the next writer's first line would be glued to that fragment,
/// and neither would parse. Cutting the file back to its last newline before appending keeps
/// it whole lines only.
public enum TornLastLine {
    /// Bytes read at a time, backwards from the end, looking for the last newline.
    private static let chunk = 1 << 16

    /// Cuts `path` back to just after its last newline, or to nothing when it has none. Returns
    /// the bytes removed: 0 when the file ends in a newline, is empty, or does not exist.
    public static func remove(from path: String) throws -> Int {
        let file: POSIXFile
        do {
            file = try POSIXFile.open(path, flags: O_RDWR | O_CLOEXEC, mode: 0, operation: "open")
        } catch let failure as POSIXFile.Failure where failure.code == ENOENT {
            return 0
        }
        defer { try? file.close() }
        let size = try file.size()
        var end = size
        var buffer = [UInt8](repeating: 0, count: chunk)
        while end > 0 {
            let start = max(0, end - chunk)
            let count = end - start
            let read = buffer.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, count, off_t(start)) }
            guard read == count else { throw POSIXFile.Failure(operation: "read", code: read < 0 ? errno : EIO) }
            if let last = buffer[0..<count].lastIndex(of: UInt8(ascii: "\n")) {
                end = start + last + 1
                break
            }
            end = start
        }
        guard end < size else { return 0 }
        guard ftruncate(file.descriptor, off_t(end)) == 0 else { throw POSIXFile.Failure(operation: "truncate", code: errno) }
        return size - end
    }
}
