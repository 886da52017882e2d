import Files
import Foundation
import XCTest

final class FileErrorTests: XCTestCase {
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
