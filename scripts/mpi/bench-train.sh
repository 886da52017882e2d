#!/usr/bin/env bash
# Training speed on one machine: `mpirun -np 2 nmt train` (one rank per core, one core each)
# against one process on both cores (two worker threads), same configuration, the runs
# interleaved. The configuration is configs/multi30k-en-de.yaml with dropout kept, cut to
# UPDATES updates (100) and one validation at the end; the figure is the target tokens/s of
# the log windows after the first (20 updates each: warm-up excluded), and under MPI the mean
# all-reduce time per update that rank 0 logged. After the first round it prints the machine
# line (CPU, BLAS kernel, the threads of both sides: the one process's worker threads, and the
# ranks on this machine times each rank's cores) and fails if the two thread counts differ.
#   scripts/mpi/bench-train.sh [ROUNDS]      # NMT=path (default .build/release/nmt), UPDATES=100
#   The data is Multi30k in $NMT_SHARED/corpora/multi30k (NMT_SHARED: ../shared beside the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
source scripts/lib/machine.sh
rounds=${1:-2}
updates=${UPDATES:-100}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROUNDS]  (a positive integer, not '$rounds')" >&2; exit 2; }
[[ $updates =~ ^[1-9][0-9]*$ ]] || { echo "$0: UPDATES must be a positive integer, not '$updates'" >&2; exit 2; }
nmt=$(realpath "${NMT:-.build/release/nmt}")
[ -x "$nmt" ] || { echo "mpi/bench-train: no $nmt: swift build -c release --product nmt" >&2; exit 2; }
command -v mpirun >/dev/null || { echo "mpi/bench-train: mpirun missing: scripts/install-deps.sh" >&2; exit 2; }
shared_need "$NMT_SHARED/corpora/multi30k/tok" "Multi30k, tokenized"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in alone mpi; do
  # The recipe names the shared copy as ../shared/: this run reads $NMT_SHARED.
  sed -e "s#\.\./shared/#$NMT_SHARED/#" \
      -e "s#^  directory: .*#  directory: $work/$run#" \
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
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for round in $(seq "$rounds"); do
  rm -rf "$work/alone" "$work/mpi"
  "$nmt" train --config "$work/alone.yaml" > /dev/null 2> "$work/alone.log" || { cat "$work/alone.log"; exit 1; }
  alone=$(sed -n 's/.*batches split across \([0-9][0-9]*\) worker thread.*/\1/p' "$work/alone.log" | head -n 1)
  echo "round $round, one process, ${alone:-?} worker threads: $(summary "$work/alone/metrics.jsonl")"
  setsid -w mpirun --allow-run-as-root -np 2 "$nmt" train --config "$work/mpi.yaml" > /dev/null 2> "$work/mpi.log" \
    || { cat "$work/mpi.log"; exit 1; }
  # "MPI: 2 ranks, 2 on this machine; rank 0 uses 1 core; …": the threads on this machine.
  ranks="" cores="" mpi=""
  read -r ranks cores < <(sed -n 's/^MPI: [0-9]* ranks, \([0-9]*\) on this machine; rank 0 uses \([0-9]*\) core.*/\1 \2/p' "$work/mpi.log") || true
  if [ -n "$ranks" ] && [ -n "$cores" ]; then mpi=$((ranks * cores)); fi
  echo "round $round, mpirun -np 2, ${cores:-?} core(s) each:       $(summary "$work/mpi/metrics.jsonl")"
  if [ "$round" -eq 1 ]; then
    machine_line "$nmt" "one process ${alone:-?}, mpirun ${ranks:-?} ranks × ${cores:-?}"
    same_threads "$alone" "$mpi" "one process" "mpirun's ranks together"
  fi
done
grep "^MPI:" "$work/mpi.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
