/// The longest source line `Translator` decodes as it is (`translation.max_input_length`), and
/// what happens to longer ones (`translation.overlong_input`): cut to the limit, or skipped (an
/// empty output line keeps the output aligned with the input). Decoding costs grow with the
/// square of the length, so without a limit one huge line would hold up a whole file.
public struct InputLengthLimit: Equatable, Sendable {
    public typealias Action = SearchSettings.OverlongInput

    public var maximumUnits: Int
    public var action: Action

    public init(maximumUnits: Int, action: Action) {
        self.maximumUnits = maximumUnits
        self.action = action
    }


    /// The ids to decode: `ids` itself, its first `maximumUnits`, or none.
    public func apply(_ ids: [Int32]) -> [Int32] {
        guard ids.count > maximumUnits else { return ids }
        return action == .truncate ? Array(ids.prefix(maximumUnits)) : []
    }

    /// One warning line for the lines of `unitCounts` (units per input line) over the limit, or
    /// nil: "warning: 2 input lines are longer than 1000 units and were truncated to 1000
    /// (the longest, line 7, has 100000; see translation.max_input_length)".
    public func warning(unitCounts: [Int]) -> String? {
        let over = unitCounts.indices.filter { unitCounts[$0] > maximumUnits }
        guard let longest = over.max(by: { unitCounts[$0] < unitCounts[$1] }) else { return nil }
        let one = over.count == 1
        let lines = one ? "1 input line is" : "\(over.count) input lines are"
        let outcome = action == .truncate
            ? "\(one ? "was" : "were") truncated to \(maximumUnits)"
            : one ? "was skipped (an empty output line)" : "were skipped (empty output lines)"
        return "warning: \(lines) longer than \(maximumUnits) units and \(outcome) "
            + "(the longest, line \(longest + 1), has \(unitCounts[longest]); see translation.max_input_length)"
    }
}
