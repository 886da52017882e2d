"""The crash harness behind scripts/crash-test.sh: runs a tiny training N times, kills it with
SIGKILL at a random moment (once, or twice: the resumed run too), checks the run directory after
every kill, resumes it to the end and checks that it ends as a run never interrupted ends.
Prints the count of every check and every failure; exits 1 if any check failed."""
import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checkpoint import Checkpoint, Unreadable, comparable_state  # noqa: E402

UPDATES = 60
EVERY = 10


def write_corpus(directory, seed):
    """A toy language: target = the source's words, each mapped, in reverse order."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(16)]
    for split, count in (("train", 300), ("valid", 20)):
        sources, targets = [], []
        for _ in range(count):
            sentence = [rng.choice(words) for _ in range(rng.randint(2, 7))]
            sources.append(" ".join(sentence))
            targets.append(" ".join("z" + w[1:] for w in reversed(sentence)))
        for suffix, lines in (("en", sources), ("de", targets)):
            with open(f"{directory}/{split}.{suffix}", "w") as f:
                f.write("\n".join(lines) + "\n")


def configuration(directory, output, keep_last):
    return f"""data:
  train: {directory}/train
  valid: {directory}/valid
  source_language: en
  target_language: de
segmentation:
  kind: word
model:
  embedding_size: 8
  encoder_hidden_size: 8
  decoder_hidden_size: 16
  attention_size: 8
  pre_output_size: 16
  dropout: 0.2
training:
  batch_size: 16
  epochs: 1000
  max_updates: {UPDATES}
  learning_rate: 0.01
validation:
  every_updates: {EVERY}
  metric: loss
  samples: 0
output:
  directory: {directory}/{output}
  keep_last: {keep_last}
  keep_best: 2
  log_every: 5
"""


class Harness:
    def __init__(self, args):
        self.args = args
        self.nmt = os.path.abspath(args.nmt)
        self.rng = random.Random(args.seed)
        self.work = tempfile.mkdtemp(prefix="nmt-crash-test-")
        self.counts = collections.OrderedDict()
        self.moments = collections.Counter()
        self.notes = collections.Counter()
        self.failures = []
        write_corpus(self.work, 1234)
        self.durations = {}

    # --- running nmt ---------------------------------------------------------------------------

    def config(self, output, keep_last=3):
        path = f"{self.work}/{output}.yaml"
        with open(path, "w") as f:
            f.write(configuration(self.work, output, keep_last))
        return path

    def train(self, config, extra=(), kill_after=None, log=None, pause=0):
        """Runs nmt train, its saves pausing `pause` ms after each step; kills it with SIGKILL
        after kill_after seconds if it still runs. Returns (killed, status, stderr)."""
        environment = dict(os.environ, NMT_TEST_SAVE_STEP_PAUSE_MS=str(pause)) if pause else dict(os.environ)
        with open(log, "w") as err:
            process = subprocess.Popen([self.nmt, "train", "--config", config, *extra], stdout=subprocess.DEVNULL,
                                       stderr=err, env=environment)
            killed = False
            try:
                process.wait(timeout=kill_after if kill_after is not None else 600)
            except subprocess.TimeoutExpired:
                if kill_after is None:
                    process.kill()
                    process.wait()
                    raise RuntimeError(f"nmt train {config} did not end within 600 s")
                process.send_signal(signal.SIGKILL)
                process.wait()
                killed = True
        with open(log) as f:
            return killed, process.returncode, f.read()

    def loads_in_nmt(self, path):
        result = subprocess.run([self.nmt, "translate", "--checkpoint", path, "--input", "/dev/null"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
        return result.returncode == 0, result.stderr.strip()[-300:]

    # --- bookkeeping ---------------------------------------------------------------------------

    def check(self, name, ok, detail, where):
        passed, failed = self.counts.get(name, (0, 0))
        self.counts[name] = (passed + (1 if ok else 0), failed + (0 if ok else 1))
        if not ok:
            self.failures.append(f"{where}: {name}: {detail}")
        return ok

    # --- the checks ----------------------------------------------------------------------------

    def checkpoints(self, directory):
        return sorted(n for n in os.listdir(directory) if n.endswith(".ckpt"))

    def check_metrics(self, directory, where, allow_torn):
        path = f"{directory}/metrics.jsonl"
        name = "metrics.jsonl: whole JSON lines, but for a torn last one" if allow_torn else "metrics.jsonl holds whole JSON lines"
        if not os.path.exists(path):
            return self.check(name, True, "", where)
        with open(path, "rb") as f:
            data = f.read()
        lines = data.split(b"\n")
        torn = lines[-1] != b""
        if torn:
            self.notes["kills that left a torn last line in metrics.jsonl"] += 1
        complete = lines[:-1]
        bad = []
        for number, line in enumerate(complete, 1):
            try:
                if not isinstance(json.loads(line), dict):
                    bad.append(number)
            except ValueError:
                bad.append(number)
        ok = not bad and (allow_torn or not torn)
        return self.check(name, ok,
                          f"lines {bad[:5]} do not parse" if bad else "a torn last line", where)

    def after_kill(self, directory, where, stderr):
        """The directory as a kill left it: returns whether a save was cut short (to be finished
        by the resumed run)."""
        if not os.path.isdir(directory):
            self.moments["before the run directory was created"] += 1
            return False
        names = self.checkpoints(directory)
        temporary = [n for n in os.listdir(directory) if ".tmp-" in n]
        loaded = {}
        problems = []
        for name in names:
            try:
                loaded[name] = Checkpoint(f"{directory}/{name}")
            except Unreadable as error:
                problems.append(str(error))
        for name in ("latest.ckpt", "best.ckpt"):
            if name in names:
                ok, message = self.loads_in_nmt(f"{directory}/{name}")
                if not ok:
                    problems.append(f"nmt cannot load {name}: {message}")
        self.check("every checkpoint file loads (digest, finite values; nmt loads latest and best)", not problems,
                   "; ".join(problems), where)
        self.check_metrics(directory, where, allow_torn=True)
        latest = loaded.get("latest.ckpt")
        if latest is None:
            self.moments["before the first checkpoint"] += 1
            self.check("no checkpoint copy without latest.ckpt", not names, f"found {names}", where)
            return False
        state = latest.state
        pending = False
        # latest.ckpt is the reference run's model at its update.
        reference = self.reference_at(latest.update)
        same, detail = latest.same_tensors(reference) if reference else (False, f"no reference at update {latest.update}")
        self.check("latest.ckpt holds the reference run's model of its update", same, detail, where)
        # The best it records: in best.ckpt, or (a save cut short) in latest.ckpt itself.
        best_update, best_score = state["bestUpdate"], state.get("bestScore")
        best = loaded.get("best.ckpt")
        if best_score is None:
            self.check("the best latest.ckpt records is in best.ckpt (or, save cut short, in latest.ckpt)", best is None,
                       "best.ckpt without a recorded best", where)
        else:
            agrees = best is not None and best.update == best_update and best.state.get("bestScore") == best_score
            if not agrees and latest.update == best_update:
                pending = True
                self.notes["kills that left best.ckpt behind latest.ckpt's record (finished on resume)"] += 1
            holder = best if agrees else (latest if latest.update == best_update else None)
            self.check("the best latest.ckpt records is in best.ckpt (or, save cut short, in latest.ckpt)", holder is not None,
                       f"latest records update {best_update} (score {best_score}); best.ckpt holds "
                       f"{best.update if best else 'nothing'}", where)
            if holder is not None:
                reference = self.reference_at(best_update)
                same, detail = holder.same_tensors(reference) if reference else (False, "no reference")
                same = same and reference.state.get("bestScore") == best_score
                self.check("that best model and score are the reference run's at that update", same,
                           detail or "the score differs", where)
        # Numbered copies the state lists.
        listed = [p.rsplit("/", 1)[-1] for p in state.get("recentCheckpoints", [])]
        listed += [c["path"].rsplit("/", 1)[-1] for c in state.get("bestCheckpoints", [])]
        missing = []
        for name in listed:
            number = int(name.split("-")[1].split(".")[0])
            copy = loaded.get(name)
            if copy is not None and copy.update == number:
                reference = self.reference_at(number)
                same, detail = copy.same_tensors(reference) if reference else (False, "no reference")
                if not same:
                    missing.append(f"{name}: {detail}")
            elif number == latest.update:
                pending = True
            else:
                missing.append(f"{name} {'missing' if copy is None else f'holds update {copy.update}'}")
        self.check("every numbered checkpoint latest.ckpt lists holds its update's model (or, save cut short, "
                   "latest.ckpt does)", not missing, "; ".join(missing), where)
        # Files the state no longer keeps, still there: the save's last step was cut short.
        kept = set(listed)
        numbered = [n for n in names if n.startswith(("update-", "best-"))]
        extra = [n for n in numbered if n not in kept and int(n.split("-")[1].split(".")[0]) <= latest.update]
        if extra:
            pending = True
        if temporary:
            self.moments["inside a file's write (temporary file left)"] += 1
        elif pending:
            self.moments["after latest.ckpt, before its copies and removals were all done"] += 1
        elif stderr.rstrip().split("\n")[-1].startswith("nmt test:"):
            self.moments["in a save, after its last step"] += 1
        else:
            self.moments["between saves (training, validating, starting)"] += 1
        return pending

    def after_end(self, directory, where, stderr, pending):
        reference = f"{self.work}/reference"
        names, expected = self.checkpoints(directory), self.checkpoints(reference)
        self.check("the resumed run's checkpoint files are the uninterrupted run's", names == expected,
                   f"{names} against {expected}", where)
        differences = []
        for name in set(names) & set(expected):
            try:
                mine, theirs = Checkpoint(f"{directory}/{name}"), Checkpoint(f"{reference}/{name}")
            except Unreadable as error:
                differences.append(str(error))
                continue
            same, detail = mine.same_tensors(theirs)
            if not same:
                differences.append(f"{name}: {detail}")
            elif comparable_state(mine.state) != comparable_state(theirs.state):
                a, b = comparable_state(mine.state), comparable_state(theirs.state)
                keys = [k for k in a if a.get(k) != b.get(k)]
                differences.append(f"{name}: state differs in {keys}")
        self.check("…and hold its weights, Adam moments and state, bit for bit", not differences,
                   "; ".join(differences), where)
        self.check_metrics(directory, where, allow_torn=False)
        if pending:
            self.check("a save cut short is finished on resume, with a note in the log", "whose save a crash cut short" in stderr
                       or "as the interrupted save at update" in stderr, "no note in the resumed run's log", where)

    def reference_at(self, update):
        path = f"{self.work}/reference-all/update-{update}.ckpt"
        return Checkpoint(path) if os.path.exists(path) else None

    # --- the runs ------------------------------------------------------------------------------

    def references(self):
        for pause in (0, self.args.pause_ms):
            started = time.monotonic()
            killed, status, stderr = self.train(self.config("reference"), log=f"{self.work}/reference.log", pause=pause,
                                                extra=["--overwrite"])
            self.durations[pause] = time.monotonic() - started
            if status != 0:
                raise RuntimeError(f"the reference run failed:\n{stderr}")
        # Every validation's checkpoint, to compare a killed run's files with.
        killed, status, stderr = self.train(self.config("reference-all", keep_last=1000), log=f"{self.work}/reference-all.log")
        if status != 0:
            raise RuntimeError(f"the second reference run failed:\n{stderr}")

    def one(self, index):
        where = f"run {index}"
        directory = f"{self.work}/run"
        shutil.rmtree(directory, ignore_errors=True)
        config = self.config("run")
        kills = 1 if self.rng.random() < 0.5 else 2
        extra = []
        pending = False
        for kill in range(kills):
            # Half the kills with pauses in the saves, so that many land inside them; half without.
            pause = self.rng.choice([0, self.args.pause_ms])
            # A resumed run has only the rest of the updates to make.
            try:
                done = Checkpoint(f"{directory}/latest.ckpt").update if extra[:1] == ["--resume"] else 0
            except Unreadable:
                done = 0
            delay = self.rng.uniform(0.05, self.durations[pause] * max(0.25, 1 - done / UPDATES))
            killed, status, stderr = self.train(config, extra, kill_after=delay, log=f"{self.work}/run-{kill}.log", pause=pause)
            if not killed:
                self.notes["runs that ended before their kill"] += 1
                self.check("a run that ended before its kill ended with status 0", status == 0, stderr[-500:], where)
                break
            self.notes["kills"] += 1
            pending = self.after_kill(directory, f"{where}, kill {kill + 1} after {delay:.2f} s", stderr)
            extra = (["--resume", f"{directory}/latest.ckpt"] if os.path.exists(f"{directory}/latest.ckpt")
                     else ["--overwrite"])
        else:
            killed, status, stderr = self.train(config, extra, log=f"{self.work}/run-end.log")
            self.check("the resumed run ends with status 0", status == 0, stderr[-500:], where)
        self.after_end(directory, where, stderr, pending)
        if self.failures and self.args.keep and not os.path.exists(self.args.keep):
            shutil.copytree(self.work, self.args.keep)

    def report(self, runs, seconds):
        print(f"crash test: {runs} runs, {self.notes['kills']} kills with SIGKILL, in {seconds / 60:.1f} min "
              f"(nmt {self.nmt}; half the kills with saves pausing {self.args.pause_ms} ms after each step; seed {self.args.seed})")
        print("where the kills landed:")
        for moment, count in self.moments.most_common():
            print(f"  {count:6d}  {moment}")
        for note, count in self.notes.items():
            if note != "kills":
                print(f"  {count:6d}  {note}")
        print(f"{'passed':>8} {'failed':>7}  check")
        for name, (passed, failed) in self.counts.items():
            print(f"{passed:8d} {failed:7d}  {name}")
        print(f"failures: {len(self.failures)}")
        for failure in self.failures[:20]:
            print(f"  {failure}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nmt", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause-ms", type=int, default=40)
    parser.add_argument("--keep", default="")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    harness = Harness(args)
    started = time.monotonic()
    try:
        harness.references()
        print("reference run: " + ", ".join(f"{seconds:.1f} s with saves pausing {pause} ms"
                                            for pause, seconds in harness.durations.items()), flush=True)
        for index in range(1, args.count + 1):
            before = len(harness.failures)
            harness.one(index)
            if args.verbose or len(harness.failures) > before:
                print(f"run {index}: {len(harness.failures) - before} failures", flush=True)
    finally:
        harness.report(args.count, time.monotonic() - started)
        shutil.rmtree(harness.work, ignore_errors=True)
    sys.exit(1 if harness.failures else 0)


if __name__ == "__main__":
    main()
