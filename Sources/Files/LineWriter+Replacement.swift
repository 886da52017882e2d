extension LineWriter {
    /// Writes the file at `path` with the lines `body` gives it, all or nothing: the lines go to
    /// a temporary file beside it, which replaces `path` only once `body` has returned and every
    /// line is on disk (`FileReplacement`). If `body` throws, or a write fails, or the process
    /// dies on the way, `path` keeps its old contents and no temporary file is left (a killed
    /// process leaves `.NAME.tmp-PID-HEX`). The writer is good only inside `body`.
    ///
    /// A path that names something other than a regular file is written in place, as a stream:
    /// a device (`--output /dev/null`, `/dev/full`) or a FIFO has no contents to keep, and a
    /// rename would put a regular file where the node was; a symbolic link (`/dev/stdout`) is
    /// written through, since the file at its end may be open elsewhere (standard output
    /// redirected to it) and a rename would leave that descriptor on the old, unlinked file.
    ///
    /// Failures are `LineError.unwritable` naming `path`; errors that `body` throws pass through.
    public static func replace(_ path: String, writing body: (LineWriter) throws -> Void) throws {
        guard POSIXFile.isReplaceable(path) else { return try stream(path, writing: body) }
        do {
            try FileReplacement.replace(path) { file in
                let writer = LineWriter(file: file, name: path)
                defer { writer.detach() }
                try body(writer)
                try writer.flush()
            }
        } catch let failure as POSIXFile.Failure {
            throw LineError.unwritable(path: path, reason: failure.reason)
        }
    }

    /// Opens `path` as it is (truncating it) and writes the lines straight into it.
    private static func stream(_ path: String, writing body: (LineWriter) throws -> Void) throws {
        let file: POSIXFile
        do {
            file = try POSIXFile.create(path)
        } catch let failure as POSIXFile.Failure {
            throw LineError.unwritable(path: path, reason: failure.reason)
        }
        let writer = LineWriter(file: file, name: path)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            writer.detach()
            try? file.close()
            throw error
        }
        writer.detach()
        do {
            try file.close()
        } catch let failure as POSIXFile.Failure {
            throw LineError.unwritable(path: path, reason: failure.reason)
        }
    }
}
