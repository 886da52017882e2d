/// A shortlist as text, for a checkpoint's metadata: a header line, the frequent ids, then one
/// line per source id with its target ids, all separated by spaces.
extension Shortlist {
    struct FormatError: Error, CustomStringConvertible {
        package var description: String
    }

    public var fileContents: String {
        var lines = ["shortlist \(perSource.count) \(targetVocabularySize)", frequent.map(String.init).joined(separator: " ")]
        lines += perSource.map { $0.map(String.init).joined(separator: " ") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses `fileContents` written for these vocabulary sizes; `name` says where it came from.
    public init(fileContents: String, name: String, sourceVocabularySize: Int, targetVocabularySize: Int) throws {
        let lines = fileContents.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let header = lines.first?.split(separator: " ") ?? []
        guard header.count == 3, header[0] == "shortlist", Int(header[1]) == sourceVocabularySize,
              Int(header[2]) == targetVocabularySize else {
            throw FormatError(description: "\(name): not a shortlist for \(sourceVocabularySize) source and \(targetVocabularySize) target units")
        }
        guard lines.count == sourceVocabularySize + 2 else {
            throw FormatError(description: "\(name): \(lines.count - 2) source lines for \(sourceVocabularySize) source units")
        }
        func ids(_ line: String, _ number: Int) throws -> [Int32] {
            try line.split(separator: " ").map { text in
                guard let id = Int32(text), id >= 0, Int(id) < targetVocabularySize else {
                    throw FormatError(description: "\(name): line \(number): `\(text)` is not a target id below \(targetVocabularySize)")
                }
                return id
            }
        }
        self.init(frequent: try ids(lines[1], 2), perSource: try lines.dropFirst(2).enumerated().map { try ids($0.element, $0.offset + 3) },
                  targetVocabularySize: targetVocabularySize)
    }
}
