import Files
import Foundation

/// The output directory of a training run: which of its files mark a run, whether a fresh run
/// may start there, and the clean-up of what an earlier run left behind.
///
/// A run writes `latest.ckpt`, `best.ckpt`, `update-N.ckpt`, `best-N.ckpt`, `metrics.jsonl` and
/// `curves.svg`. Checkpoints are written by way of temporary files beside them,
/// `.NAME.ckpt.tmp-PID-HEX` (FileReplacement; copies by earlier versions were `NAME.ckpt.tmp-PID`),
/// which a killed process leaves behind.
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var metricsPath: String { "\(path)/metrics.jsonl" }
    public var latestPath: String { "\(path)/latest.ckpt" }
    public var bestPath: String { "\(path)/best.ckpt" }
    /// The run lock (`lock()`): a hidden file holding the id of the process training here.
    public var lockPath: String { "\(path)/.lock" }

    /// Takes the directory for this process, or refuses at once, naming the process that holds
    /// it: two processes training into one directory would overwrite each other's checkpoints.
    /// A lock left by a killed process is taken over (the kernel released it with the process).
    public func lock() throws -> FileLock {
        do {
            return try FileLock.acquire(lockPath)
        } catch let held as FileLock.Held {
            let holder = held.holder.map { " (pid \($0))" } ?? ""
            throw TrainingError.directoryInUse("\(path) is in use by another training process\(holder): "
                + "wait for it to end, or train into another output.directory")
        } catch let failure as POSIXFile.Failure {
            throw TrainingError.io("cannot lock \(lockPath): \(failure.message)")
        }
    }

    private static let runFilePattern = #"^(latest\.ckpt|best\.ckpt|metrics\.jsonl|curves\.svg|(update|best)-[0-9]+\.ckpt)$"#
    /// The number after `.tmp-` is the id of the process that wrote the file.
    private static let temporaryFilePattern = #"^\.?(latest|best|(update|best)-[0-9]+)\.ckpt\.tmp-[0-9]+(-[0-9a-f]+)?$"#

    /// Names of the files in the directory that a run writes, sorted; empty if there is no
    /// directory.
    public func runFiles() -> [String] {
        names().filter { $0.range(of: Self.runFilePattern, options: .regularExpression) != nil }.sorted()
    }

    /// Refuses a fresh run (no `resume`) into a directory that holds a run, unless `overwrite`
    /// (`removePreviousRun()` then clears the old files). A resumed run continues whatever the
    /// directory holds, but `overwrite` with a checkpoint from this directory, which it would
    /// delete, is refused.
    public func checkFreshStart(resume: String?, overwrite: Bool) throws {
        if let resume {
            let resumesFromHere = Self.canonical(URL(fileURLWithPath: resume).deletingLastPathComponent().path) == Self.canonical(path)
            if overwrite && resumesFromHere {
                throw RunDirectoryError(message: "--overwrite would delete the run that --resume \(resume) continues; "
                    + "leave out --overwrite to continue it in \(path)")
            }
            return
        }
        let existing = runFiles()
        guard !overwrite, !existing.isEmpty else { return }
        let listed = existing.prefix(6).joined(separator: ", ") + (existing.count > 6 ? ", …" : "")
        throw RunDirectoryError(message: "\(path) already holds a training run (\(listed)): continue it with "
            + "--resume \(latestPath), write to another output.directory, or replace it with --overwrite")
    }

    /// Creates the directory if needed. Returns whether it had to be created.
    @discardableResult
    public func create() throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw RunDirectoryError(message: "output.directory \(path) is a file, not a directory") }
            return false
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.io("cannot create the output directory \(path): \(POSIXFailure.reason(of: error))")
        }
        return true
    }

    /// Deletes the files of the run already there (for `--overwrite`); other files stay.
    public func removePreviousRun() throws {
        for name in runFiles() {
            do {
                try FileManager.default.removeItem(atPath: "\(path)/\(name)")
            } catch {
                throw TrainingError.io("cannot remove \(path)/\(name) of the previous run: \(POSIXFailure.reason(of: error))")
            }
        }
    }

    /// Deletes temporary checkpoint files whose writer is gone (a run killed mid-write); those
    /// of a live process stay. Returns the names removed.
    @discardableResult
    public func removeStaleTemporaryFiles() -> [String] {
        var removed: [String] = []
        for name in names() where name.range(of: Self.temporaryFilePattern, options: .regularExpression) != nil {
            guard let pid = Self.writerID(of: name), !Self.isRunning(pid) else { continue }
            if (try? FileManager.default.removeItem(atPath: "\(path)/\(name)")) != nil { removed.append(name) }
        }
        return removed.sorted()
    }

    /// `update-N.ckpt` files, by N, oldest first.
    public func updateCheckpoints() -> [(update: Int, path: String)] {
        numberedCheckpoints("update-")
    }

    /// `best-N.ckpt` files, by N, oldest first.
    public func bestCheckpoints() -> [(update: Int, path: String)] {
        numberedCheckpoints("best-")
    }

    private func numberedCheckpoints(_ prefix: String) -> [(update: Int, path: String)] {
        names().compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), name.hasSuffix(".ckpt"),
                  let update = Int(name.dropFirst(prefix.count).dropLast(".ckpt".count)), update >= 0 else { return nil }
            return (update, "\(path)/\(name)")
        }.sorted { $0.0 < $1.0 }
    }

    private func names() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    private static func writerID(of name: String) -> Int32? {
        guard let marker = name.range(of: ".tmp-") else { return nil }
        return Int32(name[marker.upperBound...].prefix { $0.isNumber })
    }

    /// kill(pid, 0) fails with ESRCH when no such process exists.
    private static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH)
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// A run directory that a run may not use as asked (exit status 2: a usage problem).
public struct RunDirectoryError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The reason inside a Foundation file error ("Permission denied"), not its NSError dump.
package enum POSIXFailure {
    static func reason(of error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
