import Batching
import Files
import Foundation
import Text
import Translation

/// Prepares the training corpora into one prepared-data file: each corpus read line by line
/// in chunks, each chunk encoded on every core (`TrainingData.concurrentMap`, order kept) by the
/// codec, the pairs cleaned by the filters and appended to the file, which replaces the old one
/// only once complete (FileReplacement). Progress, with the rate in pairs per second, goes to
/// `status` on a terminal and to `log` every 15 seconds elsewhere.
struct CorpusPreparation {
    /// The corpora in order: a name for messages and the reader.
    var corpora: [(name: String, corpus: ParallelCorpus)]
    var codec: TextCodec
    var filters: TrainingConfiguration.CorpusFilterSettings
    var log: (String) -> Void
    var status: (String) -> Void
    var showsStatus: Bool

    /// Pairs encoded together: enough to keep both cores busy, little memory.
    static let chunkSize = 16_384

    /// Writes `path`; `metadata` gives the keys and the codec, the rest is filled in.
    func prepare(to path: String, _ metadata: PreparedCorpusFormat.Metadata) throws -> PreparedCorpusFormat.Metadata {
        let started = Date()
        var lastLine = started
        var read = 0
        var counts: [PreparedCorpusFormat.CorpusCounts] = []
        let idBytes = max(codec.sourceVocabulary.count, codec.targetVocabulary.count) <= Int(UInt16.max) + 1 ? 2 : 4
        var finished = metadata
        do {
            try FileReplacement.replace(path) { file in
                let writer = try PreparedCorpusWriter(file: file, idBytes: idBytes)
                var filter = CorpusFilter(filters)
                for (name, corpus) in corpora {
                    var count = PreparedCorpusFormat.CorpusCounts(name: name, first: writer.pairCount, read: 0, kept: 0, dropped: [:])
                    let reader = try corpus.makeReader()
                    while true {
                        var chunk: [SentencePair] = []
                        chunk.reserveCapacity(Self.chunkSize)
                        while chunk.count < Self.chunkSize, let pair = try reader.next() { chunk.append(pair) }
                        if chunk.isEmpty { break }
                        let encoded = TrainingData.concurrentMap(chunk) { [codec, filters] pair in
                            let verdict = CorpusFilter.textVerdict(pair, filters)
                            let ids = verdict.dropped == nil
                                ? EncodedPair(source: codec.encodeSource(pair.source), target: codec.encodeTarget(pair.target))
                                : EncodedPair(source: [], target: [])
                            return (verdict, ids)
                        }
                        for (verdict, ids) in encoded {
                            if let dropped = filter.dropped(verdict, sourceUnits: ids.source.count, targetUnits: ids.target.count) {
                                count.dropped[dropped, default: 0] += 1
                            } else {
                                try writer.append(source: ids.source, target: ids.target)
                                count.kept += 1
                            }
                        }
                        count.read += chunk.count
                        read += chunk.count
                        let now = Date()
                        let rate = Double(read) / max(now.timeIntervalSince(started), 1e-9)
                        let line = "preparing the training data: \(read) pairs read, \(String(format: "%.0f", rate)) pairs/s"
                        if showsStatus {
                            status(line)
                        } else if now.timeIntervalSince(lastLine) >= 15 {
                            log(line)
                            lastLine = now
                        }
                    }
                    counts.append(count)
                }
                finished.corpora = counts
                finished = try writer.finish(finished)
            }
        } catch let failure as POSIXFile.Failure {
            throw TrainingError.io("cannot write the prepared data \(path): \(failure.message)")
        }
        let seconds = Date().timeIntervalSince(started)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        log(String(format: "prepared %d pairs in %.1f s (%.0f pairs/s on %d cores): %@, %.1f MB", read, seconds,
                   Double(read) / max(seconds, 1e-9), ProcessInfo.processInfo.activeProcessorCount, path, Double(size) / 1e6))
        return finished
    }
}
