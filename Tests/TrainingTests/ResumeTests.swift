import Autodiff
import Foundation
import TestSupport
@testable import Translation
import XCTest

/// Exact resume: a run killed with SIGKILL after a checkpoint and resumed from it ends with the
/// same parameters, bit for bit, as a run that was never interrupted.
final class ResumeTests: XCTestCase {
    func testResumeAfterSIGKILLMatchesUninterruptedRun() throws {
        let updates = 600
        // Uninterrupted reference run.
        let reference = try TrainingFixture()
        defer { reference.remove() }
        let referenceConfig = try reference.writeConfiguration(reference.configuration(updates: updates, validateEvery: 50))
        let clean = try BuiltExecutable.nmt.run(["train", "--config", referenceConfig])
        XCTAssertEqual(clean.status, 0, clean.error)

        // The same run, killed once its first checkpoint is on disk, then resumed.
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let config = try fixture.writeConfiguration(fixture.configuration(updates: updates, validateEvery: 50))
        let process = Process()
        process.executableURL = BuiltExecutable.nmt.url
        process.arguments = ["train", "--config", config]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let latest = fixture.directory.appendingPathComponent("run/latest.ckpt").path
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: latest) && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run must really be killed mid-way")
        let killedAt = try XCTUnwrap(ModelCheckpoint.load(from: latest).state).update
        XCTAssertLessThan(killedAt, updates)

        let resumed = try BuiltExecutable.nmt.run(["train", "--config", config, "--resume", latest])
        XCTAssertEqual(resumed.status, 0, resumed.error)

        let expected = try ModelCheckpoint.load(from: reference.directory.appendingPathComponent("run/latest.ckpt").path)
        let actual = try ModelCheckpoint.load(from: latest)
        XCTAssertEqual(actual.state?.update, updates)
        XCTAssertEqual(expected.state?.update, updates)
        for (a, b) in zip(expected.model.namedParameters, actual.model.namedParameters) {
            XCTAssertEqual(a.name, b.name)
            XCTAssertEqual(a.tensor.values, b.tensor.values, "\(a.name) differs after resuming from update \(killedAt)")
        }
    }
}
