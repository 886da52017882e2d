#!/usr/bin/env bash
# Installs the system packages the build needs (OpenBLAS, LAPACKE, pkg-config, and Open MPI:
# its headers for the MPITraining target, mpirun for `mpirun -np N nmt train`) if missing,
# through apt-get, as root or with sudo. With --tests also what the test suite needs beyond the
# build: Debian's chromium (and a font) for the page test of `nmt serve`, and from PyPI the
# reference tools the suite compares against (subword-nmt, for BPE learning) and the
# LibreTranslate client the server's API is checked with (libretranslatepy).
#   scripts/install-deps.sh [--tests]
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev pkgconf libopenmpi-dev openmpi-bin)
tests=$([ "${1:-}" = "--tests" ] && echo 1 || true)
[ -n "$tests" ] && packages+=(chromium fonts-dejavu-core)
# PyPI: a missing reference tool makes its test skip (and say so); install it when asked.
if [ -n "$tests" ] && command -v python3 >/dev/null \
   && ! python3 -c "import subword_nmt" 2>/dev/null; then
  echo "installing subword-nmt (PyPI)" >&2
  python3 -m pip install -q "subword-nmt==0.3.8" >&2 || echo "warning: subword-nmt could not be installed: its BPE comparison will be skipped" >&2
fi
if [ -n "$tests" ] && command -v python3 >/dev/null \
   && ! python3 -c "import libretranslatepy" 2>/dev/null; then
  echo "installing libretranslatepy (PyPI)" >&2
  python3 -m pip install -q "libretranslatepy==2.1.4" >&2 || echo "warning: libretranslatepy could not be installed: the LibreTranslate client test will be skipped" >&2
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
