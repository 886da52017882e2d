#!/usr/bin/env bash
# Installs the system packages the build needs (OpenBLAS, LAPACKE, pkg-config, SentencePiece's
# C++ library for the CSentencePiece target, and Open MPI: its headers for the MPITraining
# target, mpirun for `mpirun -np N nmt train`) if missing, through apt-get, as root or with sudo.
# With --tests also what the test suite needs beyond the build: Debian's chromium (and a font)
# for the page test of `nmt serve`, and from PyPI the reference tools the suite compares against
# (subword-nmt, for BPE learning; sentencepiece, for SentencePiece agreement) and the
# LibreTranslate client the server's API is checked with (libretranslatepy).
#   scripts/install-deps.sh [--tests]
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev pkgconf libsentencepiece-dev libopenmpi-dev openmpi-bin)
tests=$([ "${1:-}" = "--tests" ] && echo 1 || true)
[ -n "$tests" ] && packages+=(chromium fonts-dejavu-core)
# PyPI: a missing reference tool makes its test skip (and say so); install it when asked.
#   pypi_need MODULE REQUIREMENT WHAT-IS-SKIPPED-WITHOUT-IT
pypi_need() {
  if [ -n "$tests" ] && command -v python3 >/dev/null && ! python3 -c "import $1" 2>/dev/null; then
    echo "installing $2 (PyPI)" >&2
    python3 -m pip install -q "$2" >&2 || echo "warning: $2 could not be installed: $3 will be skipped" >&2
  fi
}
pypi_need subword_nmt "subword-nmt==0.3.8" "its BPE comparison"
pypi_need sentencepiece "sentencepiece" "the SentencePiece agreement test"
pypi_need libretranslatepy "libretranslatepy==2.1.4" "the LibreTranslate client test"
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
