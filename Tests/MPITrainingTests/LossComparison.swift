import XCTest

/// Two runs' losses, update by update: |a − b| / |a| at most `tolerance` for updates 1…`through`
/// (both runs must have logged them all).
func assertLossesAgree(_ expected: [Int: Double], _ actual: [Int: Double], through updates: Int, tolerance: Double,
                       from first: Int = 1, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    var worst = (update: 0, difference: 0.0)
    for update in first...updates {
        guard let a = expected[update], let b = actual[update] else {
            XCTFail("\(what): no loss logged at update \(update)", file: file, line: line)
            return
        }
        let difference = abs(a - b) / max(abs(a), 1e-12)
        if difference > worst.difference { worst = (update, difference) }
    }
    print("\(what): updates \(first)–\(updates), largest relative difference \(worst.difference) (update \(worst.update))")
    XCTAssertLessThanOrEqual(worst.difference, tolerance,
                             "\(what): updates \(first)–\(updates) differ by up to \(worst.difference) (relative) at update \(worst.update)",
                             file: file, line: line)
}
