@testable import Checkpoint
import Foundation
import XCTest

final class SHA256Tests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The paths this CPU runs: the portable rounds, and the SHA extensions where it has them.
    private var paths: [Bool] { SHA256.hardwareAvailable ? [false, true] : [false] }

    private func digest(_ data: Data, hardware: Bool) -> String {
        var hasher = SHA256(usesHardware: hardware)
        hasher.update(data: data)
        return hex(hasher.finalize())
    }

    /// FIPS 180-4 example values, and Python's hashlib for the longer inputs, on every path.
    func testKnownDigests() {
        for hardware in paths {
            XCTAssertEqual(digest(Data(), hardware: hardware), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            XCTAssertEqual(digest(Data("abc".utf8), hardware: hardware), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            XCTAssertEqual(digest(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), hardware: hardware),
                           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
            // python3 -c "import hashlib; print(hashlib.sha256(b'a' * 1000000).hexdigest())"
            XCTAssertEqual(digest(Data(repeating: UInt8(ascii: "a"), count: 1_000_000), hardware: hardware),
                           "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }

    /// The SHA extensions give the portable rounds' digest for every length around the block
    /// boundaries and for a few megabytes of varied bytes; a CPU with the extensions uses them.
    func testTheHardwarePathEqualsThePortableRounds() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set((cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
        XCTAssertEqual(SHA256.hardwareAvailable, flags.isSuperset(of: ["sha_ni", "sse4_1"]))
        XCTAssertEqual(SHA256().usesHardware, SHA256.hardwareAvailable)
        try XCTSkipUnless(SHA256.hardwareAvailable, "this CPU has no SHA extensions")
        let bytes = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })
        for length in Array(0...130) + [1000, 4096, 65_537, bytes.count] {
            XCTAssertEqual(digest(bytes.prefix(length), hardware: true), digest(bytes.prefix(length), hardware: false), "\(length) bytes")
        }
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
