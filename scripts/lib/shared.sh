# Sourced by the scripts that read the shared folder (corpora/multi30k, peers/torch_s2s.py):
# sets and exports NMT_SHARED, the folder's absolute path. It defaults to ../shared beside the
# repository; a relative NMT_SHARED is taken from the repository root, as the configs' paths are.
#   source "$root/scripts/lib/shared.sh"
#   shared_need "$NMT_SHARED/peers/torch_s2s.py" "the PyTorch peer"    # exits 2 when missing
_shared_repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NMT_SHARED=${NMT_SHARED:-../shared}
case $NMT_SHARED in
  /*) ;;
  *) NMT_SHARED=$_shared_repository/$NMT_SHARED ;;
esac
NMT_SHARED=$(realpath -m "$NMT_SHARED")
export NMT_SHARED

# shared_need PATH [WHAT]: nothing if PATH exists; otherwise says which path is missing and where
# the shared folder was looked for, and exits 2.
shared_need() {
  [ -e "$1" ] && return 0
  echo "$0: missing $1${2:+ ($2)}" >&2
  echo "  (the shared folder is NMT_SHARED=$NMT_SHARED, by default ../shared beside the repository;" \
       "set NMT_SHARED to the folder that holds corpora/multi30k and peers/)" >&2
  exit 2
}

# peer_need: nothing if python3 can import torch (the PyTorch peer's one dependency); otherwise
# says so, and how to install it, before any of our side has run, and exits 2.
peer_need() {
  python3 -c 'import torch' 2>/dev/null && return 0
  echo "$0: python3 cannot import torch, which the PyTorch peer needs (pip install torch)" >&2
  exit 2
}

# training_precision: reads PRECISION (fp32, the default, or bf16) into $precision, and into
# the array $autocast the command that runs a PyTorch script under bf16 autocast (empty for fp32).
training_precision() {
  precision=${PRECISION:-fp32}
  case $precision in
    fp32) autocast=() ;;
    bf16) autocast=(scripts/bench/autocast.py) ;;
    *) echo "$0: PRECISION must be fp32 or bf16, not '$precision'" >&2; exit 2 ;;
  esac
}
