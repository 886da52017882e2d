#!/usr/bin/env python3
"""Compares the training losses two runs logged (metrics.jsonl, one "train" record per update):
relative difference at most 1e-3 over the first 50 updates and 1e-2 over all of them (issue 18).
Prints the worst difference of each range and the all-reduce times of the second run.

    scripts/mpi/compare-losses.py REFERENCE/metrics.jsonl CANDIDATE/metrics.jsonl UPDATES
"""
import json
import statistics
import sys


def train_records(path):
    records = {}
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("kind") == "train":
                records[record["update"]] = record  # a resumed run's later record wins
    return records


def main():
    if len(sys.argv) != 4 or not sys.argv[3].isdigit() or int(sys.argv[3]) < 1:
        sys.exit("usage: scripts/mpi/compare-losses.py REFERENCE/metrics.jsonl CANDIDATE/metrics.jsonl UPDATES")
    try:
        reference, candidate, updates = train_records(sys.argv[1]), train_records(sys.argv[2]), int(sys.argv[3])
    except OSError as error:
        sys.exit(f"compare-losses: {error}")
    ok = True
    for through, tolerance in ((min(50, updates), 1e-3), (updates, 1e-2)):
        missing = [u for u in range(1, through + 1) if u not in reference or u not in candidate]
        if missing:
            print(f"updates 1-{through}: no loss logged at update {missing[0]}")
            ok = False
            continue
        worst, at = max((abs(reference[u]["loss"] - candidate[u]["loss"]) / abs(reference[u]["loss"]), u)
                        for u in range(1, through + 1))
        verdict = "ok" if worst <= tolerance else "FAIL"
        print(f"updates 1-{through}: largest relative difference {worst:.2e} (update {at}), limit {tolerance:g}: {verdict}")
        ok = ok and worst <= tolerance
    times = [r["allreduce_ms"] for r in candidate.values() if "allreduce_ms" in r]
    if times:
        print(f"all-reduce per update: median {statistics.median(times):.2f} ms over {len(times)} updates")
    print(f"loss at update {updates}: {reference[updates]['loss']:.4f} (reference) {candidate[updates]['loss']:.4f} (candidate)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
