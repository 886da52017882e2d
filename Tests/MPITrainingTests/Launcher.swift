import Foundation
import TestSupport
import Training
import XCTest

/// Starts `nmt` (built beside this test bundle) alone or under `mpirun`, in a session of its own
/// (`setsid -w`), so that a test can end the whole job, ranks included, with one signal.
enum Launcher {
    static var nmt: URL { BuiltExecutable.nmt.url }

    /// mpirun on PATH; nil when Open MPI's launcher is not installed.
    static let mpirun: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/mpirun" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Skips the calling test, saying why, when mpirun is missing.
    static func requireMPI() throws -> String {
        guard let mpirun else {
            throw XCTSkip("mpirun is not installed (Debian: openmpi-bin, which scripts/install-deps.sh installs): the MPI tests cannot run")
        }
        return mpirun
    }

    /// The arguments that run `nmt arguments` on `ranks` processes: mpirun's, or nmt alone for 0.
    /// Root may start ranks only when it says so; --oversubscribe lets 2 ranks start whatever
    /// the machine's core count.
    /// `environment` is set for the job and passed on to every rank (`mpirun -x`).
    static func command(ranks: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> [String] {
        let settings = environment.sorted { $0.key < $1.key }
        let prefix = settings.isEmpty ? [] : ["/usr/bin/env"] + settings.map { "\($0.key)=\($0.value)" }
        guard ranks > 0 else { return prefix + [nmt.path] + arguments }
        return prefix + [try requireMPI(), "--allow-run-as-root", "--oversubscribe"] + settings.flatMap { ["-x", $0.key] }
            + ["-np", "\(ranks)", nmt.path] + arguments
    }

    struct Result {
        var status: Int32
        var signalled: Bool
        var output: String
        var error: String
        var seconds: Double
    }

    /// A started job; its standard streams go to files in `logDirectory`.
    final class Job {
        let process = Process()
        let outputPath: String
        let errorPath: String
        let started = Date()

        init(_ command: [String], logDirectory: String, name: String) throws {
            outputPath = "\(logDirectory)/\(name).out"
            errorPath = "\(logDirectory)/\(name).err"
            _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["-w"] + command
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// The job's session and process group, which setsid made: its own process's if it could
        /// become the session leader in place, else that of the child it forked for it.
        var sessionID: pid_t {
            RankProcesses.children(of: process.processIdentifier).first.flatMap(RankProcesses.sessionID) ?? process.processIdentifier
        }

        /// Waits up to `timeout` seconds; past it, kills the whole session and fails.
        func wait(timeout: Double) -> Result {
            var session = sessionID
            let deadline = started.addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline {
                session = sessionID
                usleep(20_000)
            }
            if process.isRunning {
                kill(-session, SIGKILL)
                process.waitUntilExit()
                XCTFail("the job did not end within \(timeout) s and was killed")
            }
            process.waitUntilExit()
            let seconds = Date().timeIntervalSince(started)
            // Nothing of the job may outlive it.
            kill(-session, SIGKILL)
            return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                          output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                          error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "", seconds: seconds)
        }

        /// The process of rank `rank`, among the job's (setsid may have forked before mpirun, which
        /// starts the ranks of this machine itself).
        func pid(ofRank rank: Int) -> pid_t? {
            RankProcesses.descendants(of: process.processIdentifier).first { RankProcesses.rank(of: $0) == rank }
        }
    }

    /// Runs to the end (at most `timeout` seconds).
    static func run(ranks: Int, _ arguments: [String], environment: [String: String] = [:], logDirectory: String, name: String,
                    timeout: Double = 120) throws -> Result {
        try Job(command(ranks: ranks, arguments, environment: environment), logDirectory: logDirectory, name: name).wait(timeout: timeout)
    }
}

/// Processes read from /proc: who started whom, and which MPI rank a process is.
enum RankProcesses {
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { parentID(of: $0) == parent }.sorted()
    }

    /// Children, their children, and so on.
    static func descendants(of ancestor: pid_t) -> [pid_t] {
        let children = children(of: ancestor)
        return children + children.flatMap(descendants)
    }

    /// Field 4 of /proc/PID/stat, after the parenthesised command name (which may hold spaces).
    static func parentID(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    /// Field 6 of /proc/PID/stat.
    static func sessionID(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 3 ? pid_t(fields[3]) : nil
    }

    /// OMPI_COMM_WORLD_RANK from the process's environment.
    static func rank(of pid: pid_t) -> Int? {
        guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
        let marker = "OMPI_COMM_WORLD_RANK="
        for entry in environment.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            if text.hasPrefix(marker) { return Int(text.dropFirst(marker.count)) }
        }
        return nil
    }
}

