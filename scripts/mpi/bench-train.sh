#!/usr/bin/env bash
# Training speed on one machine: `mpirun -np 2 nmt train` (one rank per core, one core each)
# against one process on both cores (two worker threads), same configuration, the runs
# interleaved. The configuration is configs/multi30k-en-de.yaml with dropout kept, cut to
# UPDATES updates (100) and one validation at the end; the figure is the target tokens/s of
# the log windows after the first (20 updates each: warm-up excluded), and under MPI the mean
# all-reduce time per update that rank 0 logged.
#   scripts/mpi/bench-train.sh [ROUNDS]      # NMT=path (default .build/release/nmt), UPDATES=100
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
updates=${UPDATES:-100}
nmt=$(realpath "${NMT:-.build/release/nmt}")
[ -x "$nmt" ] || { echo "mpi/bench-train: no $nmt: swift build -c release --product nmt" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in alone mpi; do
  sed -e "s#^  directory: .*#  directory: $work/$run#" \
      -e "s#^  max_minutes: .*#  max_updates: $updates#" \
      -e "s#^  every_updates: .*#  every_updates: 0#" \
      -e "s#^  log_every: .*#  log_every: 20#" \
      -e "s#^  epochs: .*#  epochs: 1#" \
      -e "s#^  samples: .*#  samples: 0#" configs/multi30k-en-de.yaml > "$work/$run.yaml"
done
summary() {  # metrics.jsonl → "median tok/s, mean all-reduce ms"
  python3 - "$1" <<'PY'
import json, statistics, sys
records = [json.loads(l) for l in open(sys.argv[1]) if '"train"' in l]
later = records[1:]
rates = [r["tokens_per_s"] for r in later]
times = [r["allreduce_ms"] for r in later if "allreduce_ms" in r]
print(f"{statistics.median(rates):.0f} target tokens/s (windows: {', '.join(f'{x:.0f}' for x in rates)})"
      + (f"; all-reduce {statistics.mean(times):.1f} ms per update" if times else ""))
PY
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
"$nmt" info | grep "^BLAS kernel" || true
for round in $(seq "$rounds"); do
  rm -rf "$work/alone" "$work/mpi"
  "$nmt" train --config "$work/alone.yaml" > /dev/null 2> "$work/alone.log" || { cat "$work/alone.log"; exit 1; }
  echo "round $round, one process, 2 worker threads: $(summary "$work/alone/metrics.jsonl")"
  setsid -w mpirun --allow-run-as-root -np 2 "$nmt" train --config "$work/mpi.yaml" > /dev/null 2> "$work/mpi.log" \
    || { cat "$work/mpi.log"; exit 1; }
  echo "round $round, mpirun -np 2, 1 core each:       $(summary "$work/mpi/metrics.jsonl")"
done
grep "^MPI:" "$work/mpi.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
