import Foundation

/// How the ranks of a group come to the same decisions: the leader (rank 0) decides what only
/// it knows (validation scores, hence the schedule, early stopping and the best checkpoint) and
/// sends it; what every rank computes alike (batches, gradients, steps) is never sent.
package extension TrainingGroup {
    /// The leader's `value` on every rank: its JSON length in one broadcast, its bytes in another.
    func leaders<Value: Codable>(_ value: Value) throws -> Value {
        guard size > 1 else { return value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var bytes = isLeader ? [UInt8](try encoder.encode(value)) : []
        var count = UInt64(bytes.count)
        try withUnsafeMutableBytes(of: &count) { try broadcast($0, root: 0) }
        if !isLeader { bytes = [UInt8](repeating: 0, count: Int(count)) }
        try bytes.withUnsafeMutableBytes { try broadcast($0, root: 0) }
        return isLeader ? value : try JSONDecoder().decode(Value.self, from: Data(bytes))
    }

    /// Throws on every rank unless every rank's `fingerprint` equals the leader's. A rank that
    /// differs says so itself; the others name how many did.
    func checkSameStart(_ fingerprint: StartFingerprint) throws {
        guard size > 1 else { return }
        var leader = fingerprint.value
        try withUnsafeMutableBytes(of: &leader) { try broadcast($0, root: 0) }
        let differs = leader != fingerprint.value
        var differing: [Float] = [differs ? 1 : 0]
        try differing.withUnsafeMutableBufferPointer { try allReduceSum($0) }
        guard differing[0] == 0 else {
            let count = Int(differing[0])
            throw TrainingError.ranksDisagree(differs
                ? "\(rankDescription) would start from other configuration values, corpus, vocabularies or weights than rank 0 "
                    + "(start fingerprint \(fingerprint.hex), rank 0's \(String(leader, radix: 16))): every rank must read the same "
                    + "configuration, corpus and --resume checkpoint"
                : "\(count) of the \(size) ranks would start from other configuration values, corpus, vocabularies or weights "
                    + "than rank 0 (their messages name them): every rank must read the same configuration, corpus and --resume checkpoint")
        }
    }
}
