/// Which sentence of the encoder's memory each row of a decoding batch reads, when rows are not
/// one per sentence: a search gives each sentence k rows (its beams), and sentences leave the
/// batch as they finish. The rows then read their sentence's memory where it is, instead of a
/// copy of it per row made (and remade) at every change.
///
/// The memory is time-major over `sentences` sentences: position i of sentence c is row
/// i·sentences + c. Batch row r reads sentence columns[r].
public struct MemoryColumns: Equatable {
    public let sentences: Int
    public let columns: [Int32]

    public init(sentences: Int, columns: [Int32]) {
        precondition(columns.allSatisfy { $0 >= 0 && Int($0) < sentences }, "memory columns \(columns) of \(sentences) sentences")
        self.sentences = sentences
        self.columns = columns
    }

    /// Every one of `sentences` sentences once, in order: the memory as the encoder made it.
    public static func identity(_ sentences: Int) -> MemoryColumns {
        MemoryColumns(sentences: sentences, columns: (0..<Int32(sentences)).map { $0 })
    }

    /// Only `kept` of the current rows' sentences stay (indices into the sentences searching, one
    /// per `rowsPerSentence` rows), each with `repeats` rows.
    public func keeping(_ kept: [Int], rowsPerSentence: Int, repeats: Int) -> MemoryColumns {
        MemoryColumns(sentences: sentences,
                      columns: kept.flatMap { [Int32](repeating: columns[$0 * rowsPerSentence], count: repeats) })
    }
}

/// Where row `row` of a batch of B·H (sentence, head) rows finds memory position i: memory rows
/// time-major over the memory's sentences, each with its H heads side by side (row
/// (i·Bm + c)·H + h for column c). Without columns, row b·H + h reads sentence b.
struct MemoryRowIndex {
    let sentences: Int
    let heads: Int
    let columns: [Int32]?

    init(_ memoryColumns: MemoryColumns?, batchSentences: Int, heads: Int) {
        sentences = memoryColumns?.sentences ?? batchSentences
        self.heads = heads
        columns = memoryColumns?.columns
        precondition(columns == nil || columns!.count == batchSentences,
                     "\(columns?.count ?? 0) memory columns for \(batchSentences) rows")
    }

    @inline(__always)
    func callAsFunction(_ i: Int, _ row: Int) -> Int {
        let sentence = row / heads
        let column = columns.map { Int($0[sentence]) } ?? sentence
        return (i * sentences + column) * heads + row % heads
    }
}
