import XCTest

/// `mpirun -np 2 nmt train` trains the model one process trains: each rank computes the
/// gradients of its half of every batch, one all-reduce sums them, both take the same Adam step.
/// With dropout 0 the losses logged at every update agree with one process's to 1e-3 (relative)
/// over the first 50 updates and to 1e-2 over 200; they differ at all only by the order in which
/// floating-point sums are taken. Gradient accumulation (K parts of a K× batch, one update)
/// agrees with one K× batch the same way, alone and on two ranks.
final class TwoRanksTests: MPITrainingTestCase {
    func testTwoRanksTrainAsOneProcess() throws {
        let config = try run.configuration(name: "one", output: "one", updates: 200)
        let alone = try Launcher.run(ranks: 0, ["train", "--config", config], logDirectory: run.directory, name: "one")
        XCTAssertEqual(alone.status, 0, alone.error)
        let twoConfig = try run.configuration(name: "two", output: "two", updates: 200)
        let two = try Launcher.run(ranks: 2, ["train", "--config", twoConfig], logDirectory: run.directory, name: "two")
        XCTAssertEqual(two.status, 0, two.error)
        XCTAssertTrue(two.error.contains("MPI: 2 ranks"), two.error)

        let expected = try run.losses("one"), actual = try run.losses("two")
        assertLossesAgree(expected, actual, through: 50, tolerance: 1e-3, "2 ranks against 1 process")
        assertLossesAgree(expected, actual, through: 200, tolerance: 1e-2, "2 ranks against 1 process")
        XCTAssertLessThan(try XCTUnwrap(expected[200]), try XCTUnwrap(expected[1]) * 0.8, "the model must learn something")
        // Rank 0 logs the all-reduce time of every update; one process has none to log.
        let times = try run.allReduceMilliseconds("two")
        XCTAssertEqual(times.count, 200)
        XCTAssertTrue(times.allSatisfy { $0 >= 0 && $0 < 10_000 }, "\(times.prefix(10))")
        XCTAssertTrue(try run.allReduceMilliseconds("one").isEmpty)
        // Only rank 0 writes: its checkpoints load, with the update count of the run.
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.path("two/latest.ckpt")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.path("two/curves.svg")))
    }

    func testAccumulationEqualsOneLargerBatch() throws {
        let large = try run.configuration(name: "large", output: "large", updates: 200, batchSize: 32)
        let reference = try Launcher.run(ranks: 0, ["train", "--config", large], logDirectory: run.directory, name: "large")
        XCTAssertEqual(reference.status, 0, reference.error)
        let parts = try run.configuration(name: "parts", output: "parts", updates: 200, batchSize: 16, accumulate: 2)
        let accumulated = try Launcher.run(ranks: 0, ["train", "--config", parts], logDirectory: run.directory, name: "parts")
        XCTAssertEqual(accumulated.status, 0, accumulated.error)
        XCTAssertTrue(accumulated.error.contains("2 parts accumulated per update"), accumulated.error)
        let expected = try run.losses("large"), actual = try run.losses("parts")
        assertLossesAgree(expected, actual, through: 50, tolerance: 1e-3, "accumulate 2 × 16 against batches of 32")
        assertLossesAgree(expected, actual, through: 200, tolerance: 1e-2, "accumulate 2 × 16 against batches of 32")

        // On two ranks: each rank accumulates two parts of its half (8 sentences each).
        let twoConfig = try run.configuration(name: "parts-two", output: "parts-two", updates: 50, batchSize: 16, accumulate: 2)
        let two = try Launcher.run(ranks: 2, ["train", "--config", twoConfig], logDirectory: run.directory, name: "parts-two")
        XCTAssertEqual(two.status, 0, two.error)
        assertLossesAgree(expected, try run.losses("parts-two"), through: 50, tolerance: 1e-3,
                          "accumulate 2 × 16 on 2 ranks against batches of 32")
    }
}
