# Sourced by the check and benchmark scripts: builds `nmt` in release mode into the project's
# .build (unless NMT_SKIP_BUILD is set) and sets $nmt to its path. Expects $root, the repository.
#   root=...; source "$root/scripts/lib/release-nmt.sh"
if [ -z "${NMT_SKIP_BUILD:-}" ]; then
    echo "building nmt (release)..." >&2
    if ! (cd "$root" && swift build -c release --product nmt) > "${TMPDIR:-/tmp}/nmt-release-build.log" 2>&1; then
        grep -E "error:" "${TMPDIR:-/tmp}/nmt-release-build.log" | head -5 >&2
        echo "release build failed (log: ${TMPDIR:-/tmp}/nmt-release-build.log)" >&2
        exit 1
    fi
fi
nmt="$root/.build/release/nmt"
