"""Runs mutated inputs through nmt and fails on any crash signal or hang.

    python3 scripts/checks/fuzz/run.py --nmt PATH --count N [--seed S] [--timeout SECONDS] [--keep DIR] [KIND ...]

KIND is checkpoint, config, corpus or options (default: all). Each case runs in its own
directory under a temporary work folder, with its standard input from a file, under a timeout
and a memory limit, as user nobody when run as root. A case that ends by a signal, exits with 128 or more, prints "Fatal error"
or runs out of time twice (the second time with three times the timeout) is a failure: its directory (and the fixture it refers to) is kept under
--keep with a repro.sh. Prints the count of each exit status per kind; exits 1 on any failure.
"""

import argparse
import collections
import os
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import fixtures  # noqa: E402
import kinds  # noqa: E402

MEMORY_LIMIT = 6 << 30
# Deeply nested JSON values (5,000 levels) are encoded by recursion.
sys.setrecursionlimit(100_000)


# Run as root, a case may name /dev/null as an output that nmt replaces atomically (rename):
# cases run as nobody, who can write the case directory and nothing else of importance.
NOBODY = 65534


def limit_resources():
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def outcome(returncode: int | None, stderr: bytes) -> tuple[str, bool]:
    """(label for the counts, whether it is a failure)."""
    if returncode is None:
        return "timeout", True
    if returncode < 0:
        return f"signal {signal.Signals(-returncode).name}", True
    if returncode >= 128:
        return f"exit {returncode}", True
    if b"Fatal error" in stderr:
        return f"exit {returncode} (Fatal error)", True
    return f"exit {returncode}", False


def run_case(nmt: str, case: kinds.Case, directory: Path, timeout: float, env: dict):
    (directory / "stdin").write_bytes(case.stdin)
    started = time.monotonic()
    with open(directory / "stdin", "rb") as stdin:
        process = subprocess.Popen([nmt] + case.arguments, cwd=directory, env=env, stdin=stdin,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit_resources)
        try:
            _, stderr = process.communicate(timeout=timeout)
            returncode = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, stderr = process.communicate()
            returncode = None
    return returncode, stderr, time.monotonic() - started


def keep_failure(keep: Path, work: Path, name: str, case: kinds.Case, label: str, stderr: bytes, seed: int):
    if not (keep / "fixture").exists():
        shutil.copytree(work / "fixture", keep / "fixture")
    target = keep / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(work / "case", target)
    command = " ".join(shlex.quote(a) for a in case.arguments)
    (target / "repro.sh").write_text(
        "#!/usr/bin/env bash\n"
        f"# {name}: {label}; mutation: {case.mutation}; seed {seed}\n"
        "# Run from anywhere: NMT=path/to/nmt bash repro.sh\n"
        'cd "$(dirname "$0")"\n'
        f'"${{NMT:-nmt}}" {command} < stdin\n')
    (target / "stderr.txt").write_bytes(stderr[-20000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nmt", required=True)
    parser.add_argument("--count", type=int, required=True, help="cases per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--keep", default="fuzz-failures")
    parser.add_argument("--verbose", action="store_true", help="print each case and the last line of its standard error")
    parser.add_argument("kinds", nargs="*", choices=[[]] + sorted(kinds.BUILDERS), default=[])
    arguments = parser.parse_args()
    selected = arguments.kinds or list(kinds.BUILDERS)
    nmt = str(Path(arguments.nmt).resolve())
    keep = Path(arguments.keep).resolve()
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no", OPENBLAS_NUM_THREADS="1", NO_COLOR="1")

    counts = {kind: collections.Counter() for kind in selected}
    failures, slow_cases, slowest = [], [], (0.0, "")
    with tempfile.TemporaryDirectory(prefix="nmt-fuzz-") as temporary:
        work = Path(temporary)
        work.chmod(0o755)
        fixture = fixtures.build(nmt, work, env)
        started = time.monotonic()
        for kind in selected:
            for index in range(arguments.count):
                rng = kinds.random.Random(f"{arguments.seed}:{kind}:{index}")
                directory = work / "case"
                if directory.exists():
                    shutil.rmtree(directory)
                directory.mkdir()
                directory.chmod(0o777)
                case = kinds.BUILDERS[kind](rng, directory, fixture)
                returncode, stderr, seconds = run_case(nmt, case, directory, arguments.timeout, env)
                if returncode is None:
                    # A hang repeats; a case slowed down by a busy machine does not. Once more,
                    # with three times the time.
                    returncode, stderr, seconds = run_case(nmt, case, directory, 3 * arguments.timeout, env)
                    if returncode is not None:
                        slow_cases.append(f"{kind}-{index}")
                label, failed = outcome(returncode, stderr)
                counts[kind][label] += 1
                slowest = max(slowest, (seconds, f"{kind}-{index}"))
                if (index + 1) % 1000 == 0:
                    print(f"fuzz: {kind} {index + 1}/{arguments.count}, {len(failures)} failures so far", file=sys.stderr, flush=True)
                if arguments.verbose:
                    last = stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
                    print(f"{kind}-{index} {label} {seconds:.1f}s [{case.mutation}] nmt {' '.join(case.arguments)[:150]}\n    {last[0][:300]}")
                if failed:
                    name = f"{kind}-{index}"
                    failures.append(f"{name}: {label} ({case.mutation}): nmt {' '.join(case.arguments)}")
                    keep.mkdir(parents=True, exist_ok=True)
                    keep_failure(keep, work, name, case, label, stderr, arguments.seed)
        elapsed = time.monotonic() - started

    total = sum(sum(c.values()) for c in counts.values())
    print(f"fuzz: {total} cases (seed {arguments.seed}) in {elapsed:.0f} s; slowest {slowest[1]} {slowest[0]:.1f} s")
    for kind in selected:
        labels = ", ".join(f"{label}: {n}" for label, n in sorted(counts[kind].items()))
        print(f"  {kind:<10} {sum(counts[kind].values()):>6} cases  {labels}")
    if slow_cases:
        print(f"fuzz: {len(slow_cases)} cases timed out once and then finished: {', '.join(slow_cases[:20])}")
    if failures:
        print(f"fuzz: {len(failures)} failures, kept in {keep} (each with repro.sh):")
        for failure in failures:
            print(f"  {failure}")
        sys.exit(1)
    print("fuzz: no crash signal, no timeout")


if __name__ == "__main__":
    main()
