#!/usr/bin/env bash
# Installs the system packages the build needs (OpenBLAS, LAPACKE, pkg-config, and Open MPI:
# its headers for the MPITraining target, mpirun for `mpirun -np N nmt train`) if missing,
# through apt-get, as root or with sudo. With --tests also what the test suite needs beyond the
# build: Debian's chromium (and a font) for the page test of `nmt serve`.
#   scripts/install-deps.sh [--tests]
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev pkgconf libopenmpi-dev openmpi-bin)
[ "${1:-}" = "--tests" ] && packages+=(chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
