#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that a crash or a power cut at any moment leaves either its old contents
/// or the complete new ones, never a part. Every writer that replaces a file goes through
/// `replace(_:writing:)`: checkpoints, their copies to best.ckpt, update-N.ckpt and best-N.ckpt,
/// training curves and attention heat maps, and through `LineWriter.replace(_:writing:)`
/// vocabularies, BPE merges and the translations of `--output`.
///
/// The steps: refuse anything but a regular file (`POSIXFile.requireReplaceable`); write a
/// temporary file beside the target, `.<name>.tmp-<pid>-<random hex>` (in the same directory, so
/// the rename stays on one file system; `RunDirectory` removes the checkpoints' ones a killed run
/// leaves); fsync it; rename it over the target; fsync the directory, so that the rename itself
/// is on disk. If any step up to the rename fails, the temporary file is removed and the target
/// is untouched.
public enum FileReplacement {
    /// `body` writes the new contents to the file it is given. Errors that `body` throws pass
    /// through as they are; the replacement's own failures are `POSIXFile.Failure`s.
    public static func replace(_ path: String, writing body: (POSIXFile) throws -> Void) throws {
        try replace(path, flush: .system, writing: body)
    }

    /// Writes `text` as UTF-8. Failures are `FileError`s: "cannot write x.svg: no such file or
    /// directory".
    public static func write(_ text: String, to path: String) throws {
        do {
            try replace(path) { file in
                var text = text
                try text.withUTF8 { try file.write(UnsafeRawBufferPointer($0)) }
            }
        } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "write", path: path)
        }
    }

    /// Copies the finished file `source` over `target`. Failures are `FileError`s: "cannot
    /// replace runs/x/best.ckpt: it is not a regular file".
    public static func copy(_ source: String, to target: String) throws {
        do {
            try POSIXFile.requireReplaceable(target)
        } catch {
            throw FileError(operation: "replace", path: target, reason: "it is not a regular file")
        }
        let input: POSIXFile
        do {
            input = try POSIXFile.openForReading(source)
        } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "read", path: source)
        }
        defer { try? input.close() }
        do {
            try replace(target) { output in
                var buffer = [UInt8](repeating: 0, count: copyBlockSize)
                try buffer.withUnsafeMutableBytes { block in
                    while true {
                        let count = try input.read(into: block)
                        try output.write(UnsafeRawBufferPointer(rebasing: block[..<count]))
                        if count < block.count { return }
                    }
                }
            }
        } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "replace", path: target)
        }
    }

    /// 1 MiB: a checkpoint (tens of megabytes) in a few dozen reads and writes.
    private static let copyBlockSize = 1 << 20

    /// The two flushes to disk, apart so that tests can make the first fail and watch the second.
    struct Flush {
        /// After `body`, before the rename: a failure here keeps the old file.
        var file: (POSIXFile) throws -> Void
        /// After the rename.
        var directory: (String) -> Void

        static var system: Flush {
            Flush(file: { try $0.synchronize() }, directory: synchronizeDirectory)
        }
    }

    static func replace(_ path: String, flush: Flush, writing body: (POSIXFile) throws -> Void) throws {
        try POSIXFile.requireReplaceable(path)
        let (directory, name) = split(path)
        let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        let file = try POSIXFile.create(temporary)
        do {
            try body(file)
            try flush.file(file)
        } catch {
            try? file.close()
            unlink(temporary)
            throw error
        }
        do {
            try file.close()
            guard rename(temporary, path) == 0 else { throw POSIXFile.Failure(operation: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        flush.directory(directory)
    }

    /// Best effort: some file systems refuse fsync on a directory, and by now the new contents
    /// are on disk under one name or the other.
    private static func synchronizeDirectory(_ directory: String) {
        guard let file = try? POSIXFile.open(directory, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC, mode: 0, operation: "open") else {
            return
        }
        _ = fsync(file.descriptor)
        try? file.close()
    }

    /// "a/b/c" → ("a/b", "c"); "c" → (".", "c"); "/c" → ("/", "c").
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
