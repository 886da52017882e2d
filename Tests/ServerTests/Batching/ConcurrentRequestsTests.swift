import Foundation
import XCTest

/// Concurrent requests to a running server are decoded together, and each still gets exactly
/// the translation `nmt translate` gives its sentence.
final class ConcurrentRequestsTests: XCTestCase {
    func testConcurrentRequestsShareBatchesAndMatchTheCommandLine() throws {
        let model = try TinyModel()
        // A wide window, so that requests started together on a loaded machine still meet.
        let server = try ServerProcess(checkpoint: model.checkpoint, options: ["--batch-window-ms", "200"])
        defer { _ = server.stop() }
        let sentences = Array(model.sentences.prefix(24))
        let expected = try model.translateWithCommandLine(sentences)

        let lock = NSLock()
        var served = [String?](repeating: nil, count: sentences.count)
        var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: sentences.count) { index in
            do {
                let response = try server.client.translate(["sentences": [sentences[index]]])
                let text = try APIResponderTests.texts(response).first
                lock.withLock { served[index] = text }
            } catch {
                lock.withLock { failures.append("\(index): \(error)") }
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertEqual(served, expected.map { $0 })

        let batching = try XCTUnwrap(server.client.request("GET", "/info").object["batching"] as? [String: Any])
        let batches = try XCTUnwrap(batching["batches"] as? Int)
        XCTAssertEqual(batching["sentences"] as? Int, sentences.count)
        XCTAssertLessThan(batches, sentences.count, "some requests were decoded together")
        XCTAssertGreaterThan(try XCTUnwrap(batching["largest_batch"] as? Int), 1)
    }
}
