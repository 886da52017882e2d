# Sourced by the benchmark scripts: what a reader needs to judge a timing, and the checks that
# keep two sides of a comparison comparable.
#   source "$root/scripts/lib/machine.sh"
#   machine_line NMT "swift 2, pytorch 2"
#       prints "machine: CPU Intel(R) Xeon(R) Processor (family 6, model 207); BLAS kernel: …;
#       threads: swift 2, pytorch 2" (the BLAS kernel as `NMT info` names it)
#   machine_cpu                 the CPU part alone: /proc/cpuinfo's model name, family and model
#   nmt_threads NMT             the worker threads `NMT info` says training and decoding split across
#   json_threads < LINES        the first "threads" value in JSON lines (a peer's or nmt-bench's)
#   same_threads OURS PEER [OUR_NAME PEER_NAME]
#                               exits 1 unless both sides ran on the same number of threads
#   peer_keep FILE MACHINE_LINE < LINES
#                               writes the peer's output lines to FILE after a JSON line with the
#                               machine line and this machine's CPU
#   peer_reusable FILE          exits 1 unless FILE was written by peer_keep on a machine with this CPU

machine_cpu() {
  [ -r /proc/cpuinfo ] || { echo "unknown CPU (no /proc/cpuinfo)"; return; }
  awk '{ key = $0; sub(/[ \t]*:.*/, "", key); value = $0; sub(/^[^:]*:[ \t]*/, "", value) }
       key == "model name" && name == "" { name = value }
       key == "cpu family" && family == "" { family = value }
       key == "model" && model == "" { model = value }
       END { printf "%s (family %s, model %s)\n", name == "" ? "unknown CPU" : name,
                    family == "" ? "?" : family, model == "" ? "?" : model }' /proc/cpuinfo
}

machine_line() {
  local kernel
  kernel=$("$1" info 2>/dev/null | sed -n 's/^BLAS kernel: *//p')
  echo "machine: CPU $(machine_cpu); BLAS kernel: ${kernel:-unknown (\`$1 info\` failed)}; threads: $2"
}

nmt_threads() {
  local threads
  threads=$("$1" info | sed -n 's/^cores:.* across \([0-9][0-9]*\) worker thread.*/\1/p')
  [ -n "$threads" ] || { echo "$0: \`$1 info\` names no worker threads" >&2; return 1; }
  echo "$threads"
}

json_threads() {
  sed -n 's/.*"threads": *\([0-9][0-9]*\).*/\1/p' | head -n 1
}

same_threads() {
  if [ -z "$1" ] || [ -z "$2" ] || [ "$1" != "$2" ]; then
    echo "$0: ${3:-ours} ran on ${1:-an unknown number of} threads, ${4:-the peer} on" \
         "${2:-an unknown number of}: the timings are not comparable" >&2
    exit 1
  fi
}

# training_ratio LABEL OURS PEER_OUTPUT: OURS is `nmt-bench train`'s result line, PEER_OUTPUT the
# peer's whole output (a line naming its threads, its result last). Prints the machine line, both
# results and "LABEL: swift N, pytorch M, ratio R"; fails if the thread counts differ.
training_ratio() {
  local label=$1 ours=$2 peer_output=$3 threads peer_threads peer
  threads=$(echo "$ours" | json_threads)
  peer_threads=$(echo "$peer_output" | json_threads)
  peer=$(echo "$peer_output" | tail -1)
  machine_line .build/release/nmt "swift ${threads:-?}, pytorch ${peer_threads:-?}"
  same_threads "$threads" "$peer_threads"
  echo "swift:   $ours"
  echo "pytorch: $peer"
  python3 - "$label" "$ours" "$peer" <<'PY'
import json, sys
label = sys.argv[1]
ours, peer = (json.loads(s)["tgt_tokens_per_s"] for s in sys.argv[2:4])
print(f"{label}: swift {ours:.0f}, pytorch {peer:.0f}, ratio {ours / peer:.2f}")
PY
}

peer_keep() {
  python3 -c 'import json, sys; print(json.dumps({"machine": sys.argv[1], "cpu": sys.argv[2]}))' \
    "$2" "$(machine_cpu)" > "$1"
  cat >> "$1"
}

peer_reusable() {
  local recorded here
  here=$(machine_cpu)
  recorded=$(head -n 1 "$1" | python3 -c '
import json, sys
try:
    print(json.loads(sys.stdin.read()).get("cpu", ""))
except (ValueError, AttributeError):
    print("")')
  if [ "$recorded" != "$here" ]; then
    echo "$0: REUSE_PEER: the peer's timings in $1 were recorded on ${recorded:-a CPU the file does not name}," \
         "but this machine's CPU is $here; run without REUSE_PEER to time the peer here" >&2
    exit 1
  fi
}
