#!/usr/bin/env bash
# Two "machines" on this one: two network namespaces joined by a veth pair, one rank in each,
# talking TCP over the pair as two hosts on a network would (no shared memory: `--mca btl
# tcp,self`). mpirun starts in namespace nmt-a and reaches nmt-b through
# scripts/mpi/netns-agent.sh instead of ssh, with a hostfile naming the two addresses. Trains
# the tiny model of the MPITrainingTests for UPDATES updates (200) on both, then alone, and
# checks the losses agree (1e-3 relative over the first 50 updates, 1e-2 over all). Both
# "hosts" are this machine's 2 cores: each rank runs 2 threads (unbound, as one rank per
# machine should), so the check is of correctness, not of speed.
#   sudo scripts/mpi/two-hosts.sh            # NMT=path/to/nmt (default .build/release/nmt), UPDATES=200
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "mpi/two-hosts: needs root (ip netns)" >&2; exit 2; }
command -v mpirun >/dev/null || { echo "mpi/two-hosts: mpirun missing: scripts/install-deps.sh" >&2; exit 2; }
nmt=$(realpath "${NMT:-.build/release/nmt}")
[ -x "$nmt" ] || { echo "mpi/two-hosts: no $nmt: swift build -c release --product nmt" >&2; exit 2; }
updates=${UPDATES:-200}
a=nmt-a b=nmt-b address_a=10.77.0.1 address_b=10.77.0.2 subnet=10.77.0.0/24
work=$(mktemp -d)
cleanup() {
  ip netns del "$a" 2>/dev/null || true
  ip netns del "$b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for namespace in "$a" "$b"; do
  ! ip netns list | grep -qw "$namespace" || { echo "mpi/two-hosts: network namespace $namespace exists already" >&2; exit 1; }
done

ip netns add "$a"
ip netns add "$b"
ip link add nmt-veth-a type veth peer name nmt-veth-b
ip link set nmt-veth-a netns "$a"
ip link set nmt-veth-b netns "$b"
ip -n "$a" addr add "$address_a/24" dev nmt-veth-a
ip -n "$b" addr add "$address_b/24" dev nmt-veth-b
for namespace in "$a" "$b"; do ip -n "$namespace" link set lo up; done
ip -n "$a" link set nmt-veth-a up
ip -n "$b" link set nmt-veth-b up
ip -n "$a" link show nmt-veth-a | grep -q "state UP\|LOWERLAYERUP\|UP" || { echo "mpi/two-hosts: the veth pair did not come up" >&2; exit 1; }

# The corpus and model of Tests/MPITrainingTests, from the demo corpus.
head -n 1200 data/default/train.en > "$work/train.en"
head -n 1200 data/default/train.de > "$work/train.de"
head -n 40 data/default/valid.en > "$work/valid.en"
head -n 40 data/default/valid.de > "$work/valid.de"
for run in alone two-hosts; do
  cat > "$work/$run.yaml" <<YAML
data: {train: $work/train, valid: $work/valid, source_language: en, target_language: de}
segmentation: {kind: word}
model: {embedding_size: 16, encoder_hidden_size: 16, decoder_hidden_size: 32, attention_size: 16, pre_output_size: 32, dropout: 0}
training: {batch_size: 32, epochs: 1000, max_updates: $updates, learning_rate: 0.005}
validation: {every_updates: 100, metric: loss, samples: 0}
output: {directory: $work/$run, log_every: 1}
YAML
done

echo "== one process"
"$nmt" train --config "$work/alone.yaml" > /dev/null 2> "$work/alone.log" || { cat "$work/alone.log"; exit 1; }
tail -n 1 "$work/alone.log"

echo "== two hosts: rank 0 in $a ($address_a), rank 1 in $b ($address_b), TCP over a veth pair"
printf '%s slots=1\n%s slots=1\n' "$address_a" "$address_b" > "$work/hostfile"
export NMT_NETNS_HOSTS="$address_b=$b"
# Bytes the veth pair carried, read from namespace a's end: the gradients travel over it.
veth_bytes() { ip -n "$a" -s -j link show nmt-veth-a | python3 -c 'import json,sys; s=json.load(sys.stdin)[0]["stats64"]; print(s["rx"]["bytes"] + s["tx"]["bytes"])'; }
bytes_before=$(veth_bytes)
started=$(date +%s.%N)
ip netns exec "$a" unshare --uts sh -c "hostname $a && exec setsid -w mpirun --allow-run-as-root -np 2 \
  --hostfile $work/hostfile --map-by node --bind-to none \
  --mca plm_rsh_agent $PWD/scripts/mpi/netns-agent.sh \
  --mca btl tcp,self --mca btl_tcp_if_include $subnet --mca oob_tcp_if_include $subnet \
  $nmt train --config $work/two-hosts.yaml" > /dev/null 2> "$work/two-hosts.log" || { cat "$work/two-hosts.log"; exit 1; }
grep -E "^MPI:" "$work/two-hosts.log"
tail -n 1 "$work/two-hosts.log"
echo "wall time $(echo "$(date +%s.%N) - $started" | bc) s; the veth pair carried $(( ($(veth_bytes) - bytes_before) / 1000000 )) MB"

echo "== losses, update by update"
scripts/mpi/compare-losses.py "$work/alone/metrics.jsonl" "$work/two-hosts/metrics.jsonl" "$updates"
