import Foundation
import TestSupport
@testable import Training
@testable import Translation
import XCTest

/// One training process per output directory: a second one is refused at once, naming the first
/// by its process id, and the first goes on unharmed.
final class RunLockTests: XCTestCase {
    func testASecondLockOfADirectoryNamesTheHolder() throws {
        let directory = try TemporaryDirectory()
        let run = RunDirectory(path: directory.path)
        let lock = try run.lock()
        XCTAssertThrowsError(try run.lock()) { error in
            XCTAssertEqual("\(error)", "\(directory.path) is in use by another training process (pid \(getpid())): "
                + "wait for it to end, or train into another output.directory")
        }
        lock.release()
        try run.lock().release()
        withExtendedLifetime(directory) {}
    }

    func testTwoResumesOfOneRunAtOnce() throws {
        let fixture = try TrainingFixture()
        defer { fixture.remove() }
        let short = try fixture.writeConfiguration(fixture.configuration(updates: 20, validateEvery: 10))
        let trained = try BuiltExecutable.nmt.run(["train", "--config", short])
        XCTAssertEqual(trained.status, 0, trained.error)
        let latest = fixture.path + "/run/latest.ckpt"
        // The same run continued far beyond what the test waits for; SIGINT ends it.
        let long = try fixture.writeConfiguration(fixture.configuration(updates: 100_000, validateEvery: 100_000), name: "long.yaml")
        let first = Process()
        first.executableURL = BuiltExecutable.nmt.url
        first.arguments = ["train", "--config", long, "--resume", latest]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        // The first holds the directory once its process id is in the lock file.
        let lockPath = fixture.path + "/run/.lock"
        let deadline = Date().addingTimeInterval(120)
        while (try? String(contentsOfFile: lockPath, encoding: .utf8)) != "\(first.processIdentifier)\n", Date() < deadline {
            usleep(10_000)
        }
        let second = try BuiltExecutable.nmt.run(["train", "--config", long, "--resume", latest])
        XCTAssertEqual(second.status, 1, second.error)
        XCTAssertTrue(second.error.contains("/run is in use by another training process (pid \(first.processIdentifier))"), second.error)
        XCTAssertTrue(first.isRunning, "the first run goes on")
        kill(first.processIdentifier, SIGINT)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 130, "interrupted: latest.ckpt written, status 130")
        let state = try XCTUnwrap(ModelCheckpoint.load(from: latest).state)
        XCTAssertGreaterThan(state.update, 20, "the first run trained on and saved")
    }
}
