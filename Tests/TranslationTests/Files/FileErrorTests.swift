import Foundation
@testable import Translation
import XCTest

final class FileErrorTests: XCTestCase {
    /// Showed `Error Domain=NSCocoaErrorDomain Code=… "…" UserInfo={…}` before the mapping.
    func testSVGWriteFailureNamesTheFileAndTheReason() {
        XCTAssertThrowsError(try SVGDocument.write("<svg/>", to: "/nonexistent-nmt-dir/heat.svg")) { error in
            XCTAssertEqual("\(error)", "cannot write /nonexistent-nmt-dir/heat.svg: no such file or directory")
        }
    }

    func testFoundationErrorsBecomeOneLine() {
        let permission = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/root/x"])
        XCTAssertEqual("\(FileError(permission, operation: "write", path: "/root/x"))", "cannot write /root/x: permission denied")
        let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))
        XCTAssertEqual("\(FileError(posix, operation: "write", path: "out.svg"))", "cannot write out.svg: no space left on device")
        let underlying = NSError(domain: NSCocoaErrorDomain, code: 512,
                                 userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        XCTAssertEqual("\(FileError(underlying, operation: "create directory", path: "runs/x"))",
                       "cannot create directory runs/x: read-only file system")
    }
}
