import Files
import Foundation
import TestSupport
import XCTest

/// The lock is refused at once while held, names its holder, is free again once released, and a
/// file left naming a dead process does not hold anything.
final class FileLockTests: XCTestCase {
    func testASecondAcquireIsRefusedNamingTheHolder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/.lock"
        let lock = try FileLock.acquire(path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "\(getpid())\n")
        XCTAssertThrowsError(try FileLock.acquire(path)) { error in
            XCTAssertEqual(error as? FileLock.Held, FileLock.Held(path: path, holder: getpid()))
        }
        lock.release()
        let again = try FileLock.acquire(path)
        again.release()
        withExtendedLifetime(directory) {}
    }

    func testAFileNamingADeadProcessIsTakenOver() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/.lock"
        try "999999999\n".write(toFile: path, atomically: true, encoding: .utf8)
        let lock = try FileLock.acquire(path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "\(getpid())\n")
        lock.release()
        withExtendedLifetime(directory) {}
    }
}
