#!/usr/bin/env python3
"""Load test of `nmt serve` on loopback: throughput, latency, errors and memory under 1, 8 and 64
concurrent clients, then SIGTERM under 64 clients.

    scripts/bench/load-test.py --checkpoint runs/multi30k-en-de/best.ckpt [--seconds 30] [--clients 1,8,64]

Starts the release `nmt serve` on a free 127.0.0.1 port and translates the Multi30k test
sentences of the checkpoint's source language (--corpus, default $NMT_SHARED/corpora/multi30k
with NMT_SHARED defaulting to ../shared beside the repository: tok/ for a checkpoint trained on
tokenized text, raw/ otherwise) once with `nmt translate` for reference. Each client
then sends one sentence per request over its own keep-alive connection, the next as soon as the
answer is in, for --seconds; every answer must be 200 and exactly the reference translation.
Per phase it prints sentences/s, p50/p99 latency, errors, the server's resident memory before
and after, and the mean batch the server decoded (from GET /info). Finally 64 clients run, the
server gets SIGTERM, and every request it accepted must have been answered and it must exit 0.

Exit status 0 when every check holds: no errors, exact translations, a graceful stop, and at 64
clients at least --min-speedup (3) times the sentences/s of one client. Everything is bounded in
time: phases by --seconds, each request by a 120 s timeout, the stop by 120 s.
"""
import argparse
import http.client
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The shared folder, as scripts/lib/shared.sh finds it: NMT_SHARED (relative to the repository
# root), by default ../shared beside the repository.
SHARED = os.path.normpath(os.path.join(ROOT, os.environ.get("NMT_SHARED") or os.path.join("..", "shared")))


class ResponseCount:
    """Every HTTP response this script received, to hold against the server's own count."""
    lock = threading.Lock()
    value = 0

    @classmethod
    def add(cls):
        with cls.lock:
            cls.value += 1


def resident_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def get_json(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        payload = connection.getresponse().read()
        ResponseCount.add()
        return json.loads(payload)
    finally:
        connection.close()


class Server:
    def __init__(self, nmt, checkpoint, options):
        self.process = subprocess.Popen([nmt, "serve", "--checkpoint", checkpoint, "--port", "0"] + options,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        self.log = []
        self.port = None
        listening = threading.Event()

        def read_log():
            for line in self.process.stderr:
                self.log.append(line.rstrip("\n"))
                match = re.search(r"listening on http://127\.0\.0\.1:(\d+)$", line.strip())
                if match:
                    self.port = int(match.group(1))
                    listening.set()
            listening.set()

        self.reader = threading.Thread(target=read_log, daemon=True)
        self.reader.start()
        if not listening.wait(120) or self.port is None:
            self.process.kill()
            sys.exit("nmt serve did not start:\n" + "\n".join(self.log))

    def stop(self, timeout=120):
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = None
        self.reader.join(10)
        return status

    def shutdown_counts(self):
        for line in reversed(self.log):
            match = re.search(r"answered (\d+) of (\d+) accepted requests", line)
            if match:
                return int(match.group(1)), int(match.group(2))
        return None


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []
        self.wrong = 0
        self.not_accepted = 0

    def add(self, **kwargs):
        with self.lock:
            if "latency" in kwargs:
                self.latencies.append(kwargs["latency"])
            if "error" in kwargs:
                self.errors.append(kwargs["error"])
            self.wrong += kwargs.get("wrong", 0)
            self.not_accepted += kwargs.get("not_accepted", 0)


def client_loop(port, sentences, expected, start, stride, until, tally, stopping=False):
    """Sends sentences[start], sentences[start + stride], … one per request until `until()`."""
    connection = None
    index = start
    while not until():
        sentence = sentences[index % len(sentences)]
        index += stride
        body = json.dumps({"sentences": [sentence]})
        began = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("POST", "/translate", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
        except (ConnectionRefusedError, http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
            connection = None
            if stopping:
                # The server no longer takes this connection or listens: nothing was answered,
                # nothing was accepted (the server's own count says so at the end).
                tally.add(not_accepted=1)
                if isinstance(error, ConnectionRefusedError):
                    return
                continue
            tally.add(error=f"{type(error).__name__}: {error}")
            continue
        except Exception as error:  # a response cut off, a timeout: always an error
            connection = None
            tally.add(error=f"{type(error).__name__}: {error}")
            continue
        latency = time.monotonic() - began
        ResponseCount.add()
        if response.status != 200:
            tally.add(error=f"status {response.status}: {payload[:200]!r}")
            continue
        text = json.loads(payload)["translations"][0]["text"]
        tally.add(latency=latency, wrong=int(text != expected[sentence]))


def run_clients(count, port, sentences, expected, until, stopping=False):
    tally = Tally()
    threads = [threading.Thread(target=client_loop, args=(port, sentences, expected, i * 997, 7919, until, tally, stopping))
               for i in range(count)]
    for thread in threads:
        thread.start()
    return tally, threads


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", default="1,8,64")
    parser.add_argument("--shutdown-clients", type=int, default=64)
    parser.add_argument("--min-speedup", type=float, default=3.0)
    parser.add_argument("--corpus", default=os.path.join(SHARED, "corpora", "multi30k"),
                        help="Multi30k with raw/ and tok/ (default: $NMT_SHARED/corpora/multi30k)")
    parser.add_argument("--nmt", default=os.path.join(ROOT, ".build", "release", "nmt"))
    parser.add_argument("--server-option", action="append", default=[], help="passed to nmt serve (repeatable)")
    arguments = parser.parse_args()
    if not os.path.isdir(arguments.corpus):
        sys.exit(f"load-test: no Multi30k copy at {arguments.corpus} (give --corpus, or set NMT_SHARED to the "
                 f"shared folder; it is {SHARED}, by default ../shared beside the repository)")
    counts = [int(count) for count in arguments.clients.split(",")]

    server = Server(arguments.nmt, arguments.checkpoint, arguments.server_option)
    info = get_json(server.port, "/info")
    folder = "tok" if info["segmentation"]["tokenized"] else "raw"
    source = os.path.join(arguments.corpus, folder, f"test_2016_flickr.{info['source_language']}")
    with open(source, encoding="utf-8") as file:
        sentences = [line.rstrip("\n") for line in file if line.strip()]
    reference = subprocess.run([arguments.nmt, "translate", "--checkpoint", arguments.checkpoint, "--input", source],
                               capture_output=True, text=True, check=True).stdout.split("\n")
    with open(source, encoding="utf-8") as file:
        lines = [line.rstrip("\n") for line in file]
    expected = {line: reference[index] for index, line in enumerate(lines)}
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"server: {server.log[0] if server.log else ''}")
    print(f"CPU: {cpu}, {os.cpu_count()} cores (shared by the server and this client); "
          f"{len(sentences)} sentences from {source}; beam {info['translation']['beam']}; {arguments.seconds:g} s per phase")
    print()
    print("| clients | sentences/s | p50 latency | p99 latency | errors | wrong translations | mean batch | RSS start → end |")
    print("|---|---|---|---|---|---|---|---|")

    failures = []
    rates = {}
    client_cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    for count in counts:
        before = get_json(server.port, "/info")["batching"]
        rss_start = resident_mib(server.process.pid)
        deadline = time.monotonic() + arguments.seconds
        began = time.monotonic()
        tally, threads = run_clients(count, server.port, sentences, expected, lambda: time.monotonic() >= deadline)
        for thread in threads:
            thread.join(arguments.seconds + 150)
        elapsed = time.monotonic() - began
        rss_end = resident_mib(server.process.pid)
        after = get_json(server.port, "/info")["batching"]
        batches = after["batches"] - before["batches"]
        mean_batch = (after["sentences"] - before["sentences"]) / batches if batches else float("nan")
        rate = len(tally.latencies) / elapsed
        rates[count] = rate
        print(f"| {count} | {rate:.1f} | {percentile(tally.latencies, 0.5) * 1000:.0f} ms | "
              f"{percentile(tally.latencies, 0.99) * 1000:.0f} ms | {len(tally.errors)} | {tally.wrong} | "
              f"{mean_batch:.1f} | {rss_start:.0f} → {rss_end:.0f} MiB |", flush=True)
        if tally.errors:
            failures.append(f"{count} clients: {len(tally.errors)} errors, e.g. {tally.errors[0]}")
        if tally.wrong:
            failures.append(f"{count} clients: {tally.wrong} translations differ from nmt translate")
    client_cpu = resource.getrusage(resource.RUSAGE_SELF)
    client_seconds = (client_cpu.ru_utime - client_cpu_before.ru_utime) + (client_cpu.ru_stime - client_cpu_before.ru_stime)
    print(f"\nthis client used {client_seconds:.0f} s of CPU over the phases")
    if 1 in rates and max(counts) > 1:
        speedup = rates[max(counts)] / rates[1]
        print(f"speedup at {max(counts)} clients: {speedup:.2f}× one client's sentences/s (required: ≥ {arguments.min_speedup:g}×)")
        if speedup < arguments.min_speedup:
            failures.append(f"speedup {speedup:.2f} < {arguments.min_speedup:g}")

    # Graceful stop under load.
    stop_clients = threading.Event()
    tally, threads = run_clients(arguments.shutdown_clients, server.port, sentences, expected,
                                 lambda: stop_clients.is_set(), stopping=True)
    time.sleep(min(5, arguments.seconds))
    answered_before = len(tally.latencies)
    signalled = time.monotonic()
    status = server.stop()
    stopped_after = time.monotonic() - signalled
    stop_clients.set()
    for thread in threads:
        thread.join(150)
    shutdown = server.shutdown_counts()
    print(f"\nSIGTERM under {arguments.shutdown_clients} clients ({answered_before} answered before it): exit status {status} "
          f"after {stopped_after:.2f} s; server: answered {shutdown[0] if shutdown else '?'} of "
          f"{shutdown[1] if shutdown else '?'} accepted requests; clients received {len(tally.latencies)} answers, "
          f"{len(tally.errors)} errors, {tally.wrong} wrong, {tally.not_accepted} requests not taken in; "
          f"responses received by this script in all: {ResponseCount.value}")
    if status != 0:
        failures.append(f"exit status {status} after SIGTERM")
    if shutdown is None or shutdown[0] != shutdown[1]:
        failures.append(f"not every accepted request was answered: {shutdown}")
    elif shutdown[0] != ResponseCount.value:
        failures.append(f"the server answered {shutdown[0]} requests but this script received {ResponseCount.value} responses")
    if tally.errors or tally.wrong:
        failures.append(f"shutdown phase: {len(tally.errors)} errors, {tally.wrong} wrong: {tally.errors[:3]}")
    print("\n" + ("all checks passed" if not failures else "FAILED:\n  " + "\n  ".join(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
