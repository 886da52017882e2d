@testable import Checkpoint
import Foundation
import XCTest

final class SHA256Tests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// FIPS 180-4 example values, and Python's hashlib for the longer inputs.
    func testKnownDigests() {
        XCTAssertEqual(hex(SHA256.hash(data: Data())), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA256.hash(data: Data("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(SHA256.hash(data: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // python3 -c "import hashlib; print(hashlib.sha256(b'a' * 1000000).hexdigest())"
        XCTAssertEqual(hex(SHA256.hash(data: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Feeding the bytes in uneven pieces gives the same digest as one call.
    func testStreamingInPiecesEqualsOneShot() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 200, 7] {
            hasher.update(data: data[offset..<(offset + size)])
            offset += size
        }
        hasher.update(data: data[offset...])
        XCTAssertEqual(hasher.finalize(), SHA256.hash(data: data))
    }
}
