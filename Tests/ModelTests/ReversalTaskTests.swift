import XCTest

/// The recurrent model with one-head additive attention must reach 99% exact-sequence accuracy
/// on the reversal task (see ReversalTask) at a constant rate of 3e-3.
final class ReversalTaskTests: XCTestCase {
    func testLearnsToReverseSequences() throws {
        try ReversalTask.skipInDebug()
        ReversalTask.assertLearned(ReversalTask.configuration(), updates: 4000) { _ in 3e-3 }
    }
}
