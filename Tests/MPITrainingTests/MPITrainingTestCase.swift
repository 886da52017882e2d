import XCTest

/// The fixture of the tests that start `nmt train` under mpirun: skipped, saying why, when
/// mpirun is missing; otherwise a fresh tiny corpus in a temporary directory, removed after.
class MPITrainingTestCase: XCTestCase {
    var run: TrainingRun!

    override func setUpWithError() throws {
        _ = try Launcher.requireMPI()
        run = try TrainingRun()
    }

    override func tearDown() {
        run?.remove()
    }
}
