import Foundation
@testable import Translation
import XCTest

/// A rank that stops (SIGSTOP) without dying: mpirun sees nothing wrong, so the others must. With
/// training.rank_timeout_seconds 10, rank 0 gives up waiting for it in the next collective,
/// names it, and its error ends the job within the timeout and a few seconds; rank 0's last
/// checkpoint is whole, and the run resumes from it on 2 ranks.
final class RankTimeoutTests: MPITrainingTestCase {
    func testAStoppedRankEndsTheJobNamingIt() throws {
        let timeout = 10.0
        let endless = try run.configuration(name: "endless", output: "stopped", updates: 1_000_000, validateEvery: 40,
                                            training: "  rank_timeout_seconds: \(Int(timeout))")
        let job = try Launcher.Job(Launcher.command(ranks: 2, ["train", "--config", endless]), logDirectory: run.directory, name: "stopped")
        let latest = run.path("stopped/latest.ckpt")
        let deadline = Date().addingTimeInterval(90)
        while !FileManager.default.fileExists(atPath: latest) && job.process.isRunning && Date() < deadline { usleep(20_000) }
        let victim = try XCTUnwrap(job.pid(ofRank: 1), "rank 1's process")
        XCTAssertEqual(kill(victim, SIGSTOP), 0)
        let stoppedAt = Date()
        let ended = job.wait(timeout: 90)
        let seconds = Date().timeIntervalSince(stoppedAt)
        print("job ended \(String(format: "%.1f", seconds)) s after rank 1 was stopped (rank_timeout_seconds \(Int(timeout))), status \(ended.status)")
        XCTAssertLessThan(seconds, timeout + 10, "the job must end within the timeout + 10 s")
        XCTAssertGreaterThanOrEqual(seconds, timeout, "not before the timeout")
        XCTAssertNotEqual(ended.status, 0)
        XCTAssertTrue(ended.error.contains("nmt: rank 1 made no progress: rank 0 of 2 waited 10 s (training.rank_timeout_seconds) in "),
                      ended.error)
        XCTAssertTrue(ended.error.contains("\(latest) (update "), ended.error)
        XCTAssertTrue(ended.error.contains("is whole: continue with --resume \(latest)"), ended.error)

        let resumedFrom = try XCTUnwrap(ModelCheckpoint.load(from: latest).state).update
        XCTAssertGreaterThanOrEqual(resumedFrom, 40)
        let config = try run.configuration(name: "resumed", output: "stopped", updates: resumedFrom + 20, validateEvery: 40)
        let resumed = try Launcher.run(ranks: 2, ["train", "--config", config, "--resume", latest], logDirectory: run.directory, name: "resumed")
        XCTAssertEqual(resumed.status, 0, resumed.error)
        XCTAssertTrue(resumed.error.contains("resuming at update \(resumedFrom)"), resumed.error)
        XCTAssertEqual(try ModelCheckpoint.load(from: latest).state?.update, resumedFrom + 20)
    }
}
