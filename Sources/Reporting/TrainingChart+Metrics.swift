import Foundation

extension TrainingChart {
    /// The chart of a run's `metrics.jsonl` (written by `TrainingReporter`): "train loss" from
    /// `"kind":"train"` records, "valid loss" and "valid BLEU" (right axis) from `"kind":"valid"`
    /// ones, all against `update`. Lines that are not such records are skipped, among them a
    /// half-written last line of a run still in progress.
    ///
    /// A resumed run appends to the same file starting again from its checkpoint's update, so a
    /// record whose update is not past the previous one replaces that series' tail from there.
    public static func fromMetrics(jsonLines: String) -> TrainingChart {
        struct Record: Decodable {
            var kind: String
            var update: Double
            var loss: Double?
            var bleu: Double?
        }
        var trainLoss = Series(name: "train loss", points: [], axis: .left)
        var validLoss = Series(name: "valid loss", points: [], axis: .left)
        var validBLEU = Series(name: "valid BLEU", points: [], axis: .right)
        let decoder = JSONDecoder()
        for line in jsonLines.split(whereSeparator: \.isNewline) {
            guard let record = try? decoder.decode(Record.self, from: Data(line.utf8)) else { continue }
            switch record.kind {
            case "train":
                trainLoss.append(x: record.update, y: record.loss)
            case "valid":
                validLoss.append(x: record.update, y: record.loss)
                validBLEU.append(x: record.update, y: record.bleu)
            default:
                continue
            }
        }
        return TrainingChart(series: [trainLoss, validLoss, validBLEU])
    }
}

private extension TrainingChart.Series {
    /// Drops the points a record at update x supersedes, then appends (x, y) if there is a y.
    mutating func append(x: Double, y: Double?) {
        while let last = points.last, last.x >= x {
            points.removeLast()
        }
        if let y { points.append((x, y)) }
    }
}
