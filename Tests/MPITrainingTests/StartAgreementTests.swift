import XCTest

/// Ranks that would not start from the same model and data are refused before the first update:
/// here mpirun starts rank 0 and rank 1 with configurations that differ in their seed.
final class StartAgreementTests: XCTestCase {
    func testRanksWithDifferentStartsAreRefused() throws {
        let mpirun = try Launcher.requireMPI()
        let run = try TrainingRun()
        defer { run.remove() }
        let first = try run.configuration(name: "first", output: "out", updates: 10)
        let second = try run.configuration(name: "second", output: "out", updates: 10)
        try (try String(contentsOfFile: second, encoding: .utf8)).replacingOccurrences(of: "training:\n", with: "training:\n  seed: 7\n")
            .write(toFile: second, atomically: true, encoding: .utf8)
        let nmt = Launcher.nmt.path
        // Open MPI's MPMD form: one command per group of ranks, separated by a colon.
        let result = try Launcher.Job([mpirun, "--allow-run-as-root", "--oversubscribe",
                                       "-np", "1", nmt, "train", "--config", first, ":",
                                       "-np", "1", nmt, "train", "--config", second],
                                      logDirectory: run.directory, name: "refused").wait(timeout: 60)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.error.contains("rank 1 of 2 would start from other configuration values, corpus, vocabularies or weights than rank 0"),
                      result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.path("out/latest.ckpt")), "nothing is trained")
    }
}
