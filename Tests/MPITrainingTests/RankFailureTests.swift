@testable import Translation
import XCTest

/// A rank that dies ends the job: mpirun sees it, stops the other ranks, and exits non-zero
/// within seconds (the test allows 30). The last checkpoint, written before the failure, stays
/// whole, and a run resumed from it on 1 rank or on 2 continues the losses of an uninterrupted
/// run.
final class RankFailureTests: MPITrainingTestCase {
    func testKilledRankEndsTheJobAndTheRunResumesOnOneOrTwoRanks() throws {
        // The run as it should go, uninterrupted, alone.
        let updates = 160
        let referenceConfig = try run.configuration(name: "reference", output: "reference", updates: updates, validateEvery: 40)
        let reference = try Launcher.run(ranks: 0, ["train", "--config", referenceConfig], logDirectory: run.directory, name: "reference")
        XCTAssertEqual(reference.status, 0, reference.error)

        // The same run on 2 ranks, with no end in sight: rank 1 is killed once rank 0 has
        // written its first checkpoint.
        let endless = try run.configuration(name: "endless", output: "killed", updates: 1_000_000, validateEvery: 40)
        let job = try Launcher.Job(Launcher.command(ranks: 2, ["train", "--config", endless]), logDirectory: run.directory, name: "killed")
        let latest = run.path("killed/latest.ckpt")
        let deadline = Date().addingTimeInterval(90)
        while !FileManager.default.fileExists(atPath: latest) && job.process.isRunning && Date() < deadline { usleep(20_000) }
        let victim = try XCTUnwrap(job.pid(ofRank: 1), "rank 1's process")
        let killedAt = Date()
        XCTAssertEqual(kill(victim, SIGKILL), 0)
        let ended = job.wait(timeout: 60)
        let secondsToEnd = Date().timeIntervalSince(killedAt)
        XCTAssertLessThan(secondsToEnd, 30, "the job must end within 30 s of a rank's death")
        XCTAssertNotEqual(ended.status, 0, "a job that lost a rank must fail")
        XCTAssertTrue(ended.error.contains("rank 1") && ended.error.contains("signal 9"), "mpirun names the dead rank:\n\(ended.error)")
        XCTAssertTrue(ended.error.contains("nmt: signal received"), "rank 0 says why it stops:\n\(ended.error)")
        print("job ended \(String(format: "%.2f", secondsToEnd)) s after rank 1 was killed, status \(ended.status)")

        let checkpoint = try ModelCheckpoint.load(from: latest)
        let resumedFrom = try XCTUnwrap(checkpoint.state).update
        XCTAssertGreaterThanOrEqual(resumedFrom, 40)
        XCTAssertLessThan(resumedFrom, updates)

        // Resume copies of the killed run's directory on 1 rank and on 2.
        let expected = try run.losses("reference")
        for ranks in [1, 2] {
            let output = "resumed-\(ranks)"
            try FileManager.default.copyItem(atPath: run.path("killed"), toPath: run.path(output))
            let config = try run.configuration(name: output, output: output, updates: updates, validateEvery: 40)
            let resumed = try Launcher.run(ranks: ranks == 1 ? 0 : ranks, ["train", "--config", config, "--resume", run.path("\(output)/latest.ckpt")],
                                           logDirectory: run.directory, name: output)
            XCTAssertEqual(resumed.status, 0, resumed.error)
            XCTAssertTrue(resumed.error.contains("resuming at update \(resumedFrom)"), resumed.error)
            assertLossesAgree(expected, try run.losses(output), through: updates, tolerance: 1e-3, from: resumedFrom + 1,
                              "resumed on \(ranks) rank\(ranks == 1 ? "" : "s") against the uninterrupted run")
            XCTAssertEqual(try ModelCheckpoint.load(from: run.path("\(output)/latest.ckpt")).state?.update, updates)
        }
    }
}
