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

With --hostile, instead: --normal-clients (128) normal clients alone for --baseline-seconds,
then the same clients for --hostile-seconds (300) beside --slow-uploaders (32) clients sending a
body one byte every --slow-interval (10) seconds, --disconnecters (32) clients sending a request
and leaving at once, and --overlong-clients (1) sending inputs over the server's limits (a body
over --max-body-bytes, an endless chunked body, a sentence of 300,000 combining accents, too
many sentences). Throughout, GET /health is timed every 0.25 s on a fresh connection and the
server's resident memory sampled every second. Checks: /health always answered within 1 s; RSS
under --rss-bound-mib; every answer to a normal client 200 with nmt translate's translation, or
503 or 504; every over-long input refused with 413; the server never exits; and SIGTERM with all
clients still running ends it (status 0, every accepted request answered) within 5 s. It prints
the normal clients' sentences/s with and without the hostile ones.
"""
import argparse
import http.client
import random
import socket
import json
import os
import re
import resource
import select
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
        # Hostile runs: answers 503 or 504 (allowed), and counts of the hostile clients' events.
        self.busy = {503: 0, 504: 0}
        self.events = {}

    def add(self, **kwargs):
        with self.lock:
            if "latency" in kwargs:
                self.latencies.append(kwargs["latency"])
            if "error" in kwargs:
                self.errors.append(kwargs["error"])
            if "busy" in kwargs:
                self.busy[kwargs["busy"]] += 1
            if "event" in kwargs:
                self.events[kwargs["event"]] = self.events.get(kwargs["event"], 0) + 1
            self.wrong += kwargs.get("wrong", 0)
            self.not_accepted += kwargs.get("not_accepted", 0)


def client_loop(port, sentences, expected, start, stride, until, tally, stopping=False, busy_allowed=False):
    """Sends sentences[start], sentences[start + stride], … one per request until `until()`.
    With `stopping`, a refused or closed connection counts as not taken in; with `busy_allowed`,
    503 and 504 are counted apart rather than as errors."""
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
            if stopping() if callable(stopping) else stopping:
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
        if busy_allowed and response.status in (503, 504):
            tally.add(busy=response.status)
            if response.status == 503:
                time.sleep(float(response.getheader("Retry-After") or 1))
            continue
        if response.status != 200:
            tally.add(error=f"status {response.status}: {payload[:200]!r}")
            continue
        text = json.loads(payload)["translations"][0]["text"]
        tally.add(latency=latency, wrong=int(text != expected[sentence]))


def run_clients(count, port, sentences, expected, until, stopping=False, busy_allowed=False):
    tally = Tally()
    threads = [threading.Thread(target=client_loop,
                                args=(port, sentences, expected, i * 997, 7919, until, tally, stopping, busy_allowed))
               for i in range(count)]
    for thread in threads:
        thread.start()
    return tally, threads


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# ---- Hostile clients (--hostile) ----

def raw_request(port, head, timeout=30):
    connection = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    connection.sendall(head)
    return connection


def slow_uploader(port, interval, until, tally):
    """Sends a request head promising 1000 bytes, then one byte every `interval` seconds, until the
    server closes the connection; then starts again."""
    while not until():
        began = time.monotonic()
        try:
            connection = raw_request(port, b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                           b"Content-Length: 1000\r\n\r\n{")
        except OSError as error:
            if not until():
                tally.add(error=f"slow uploader could not connect: {type(error).__name__}: {error}")
            time.sleep(1)
            continue
        closed = False
        try:
            while not until() and not closed:
                connection.sendall(b" ")
                wait_until = time.monotonic() + interval
                while not until() and time.monotonic() < wait_until:
                    ready, _, _ = select.select([connection], [], [], min(0.5, max(0, wait_until - time.monotonic())))
                    if ready:  # the server closed (or answered and closed): this upload is over
                        connection.recv(65536)
                        closed = True
                        break
        except OSError:
            closed = True
        finally:
            connection.close()
        if closed:
            tally.add(latency=time.monotonic() - began, event="slow upload cut off by the server")


def disconnecter(port, sentences, seed, until, tally):
    """Sends a request of 8 sentences and leaves without reading the answer, again and again."""
    rng = random.Random(seed)
    while not until():
        body = json.dumps({"sentences": rng.sample(sentences, 8)}).encode()
        try:
            connection = raw_request(port, b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                           + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            time.sleep(rng.uniform(0, 0.05))
            connection.close()
            tally.add(event="request sent and left")
        except OSError as error:
            if not until():
                tally.add(error=f"disconnecting client: {type(error).__name__}: {error}")
        time.sleep(0.02)


def read_status(connection, limit_seconds):
    """The status of the answer on a raw connection, and whether the server then closed it."""
    received = b""
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([connection], [], [], 0.1)
        if not ready:
            continue
        try:
            more = connection.recv(65536)
        except OSError:
            return status_of(received), True
        if not more:
            return status_of(received), True
        received += more
    return status_of(received), False


def status_of(received):
    match = re.match(rb"HTTP/1\.1 (\d{3})", received)
    return int(match.group(1)) if match else None


def overlong_client(port, max_body_bytes, until, tally):
    """Sends, in turn, inputs over the server's limits; each must be refused with 413."""
    kind = 0
    stacked = "a" + "\u0301" * 300_000
    while not until():
        kind = (kind + 1) % 4
        try:
            if kind == 0:  # a declared body over the limit
                connection = raw_request(port, b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                               + f"Content-Length: {max_body_bytes * 10}\r\n\r\n".encode())
                try:
                    connection.sendall(b" " * 65536)
                except OSError:
                    pass
                status, closed = read_status(connection, 10)
                connection.close()
                name = "declared body over the limit"
            elif kind == 1:  # a chunked body without end
                connection = raw_request(port, b"POST /translate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                chunk = b"1000\r\n" + b" " * 4096 + b"\r\n"
                began = time.monotonic()
                status, closed = None, False
                while time.monotonic() - began < 20:
                    try:
                        connection.sendall(chunk)
                    except OSError:
                        break
                    ready, _, _ = select.select([connection], [], [], 0)
                    if ready:
                        break
                status, closed = read_status(connection, 10)
                connection.close()
                name = "endless chunked body"
            else:
                body = {"sentences": [stacked]} if kind == 2 else {"sentences": ["a ."] * 100_001}
                payload = json.dumps(body).encode()
                if len(payload) > max_body_bytes:  # too many sentences that do not fit the body: fewer
                    payload = json.dumps({"sentences": ["a"] * (max_body_bytes // 8)}).encode()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("POST", "/translate", payload, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                status, closed = response.status, True
                connection.close()
                name = "sentence of 300,000 combining accents" if kind == 2 else "too many sentences"
        except OSError as error:
            if not until():
                tally.add(error=f"over-long input: {type(error).__name__}: {error}")
            time.sleep(0.5)
            continue
        if until():
            break
        if status == 413:
            tally.add(event=f"413: {name}")
        else:
            tally.add(error=f"{name}: status {status}, connection closed: {closed}")
        time.sleep(0.1)


def health_monitor(port, until, record):
    """Times GET /health on a fresh connection every 0.25 s."""
    while not until():
        began = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/health")
            response = connection.getresponse()
            response.read()
            connection.close()
            record.append((began, time.monotonic() - began, response.status))
        except OSError as error:
            record.append((began, time.monotonic() - began, f"{type(error).__name__}: {error}"))
        time.sleep(0.25)


def memory_monitor(pid, until, record):
    while not until():
        try:
            record.append(resident_mib(pid))
        except OSError:
            return
        time.sleep(1)


def run_normal(arguments, server, sentences, expected, seconds, until_extra=None):
    """The normal clients for `seconds`; their tally, sentences/s and the elapsed time."""
    deadline = time.monotonic() + seconds
    began = time.monotonic()
    tally, threads = run_clients(arguments.normal_clients, server.port, sentences, expected,
                                 lambda: time.monotonic() >= deadline, busy_allowed=True)
    for thread in threads:
        thread.join(seconds + 150)
    elapsed = time.monotonic() - began
    return tally, len(tally.latencies) / elapsed


def hostile_run(arguments, server, sentences, expected):
    failures = []
    max_body = int(next((option.split("=", 1)[1] for option in arguments.server_option
                         if option.startswith("--max-body-bytes=")), 1 << 20))
    print(f"normal clients: {arguments.normal_clients}; baseline {arguments.baseline_seconds:g} s, "
          f"then {arguments.hostile_seconds:g} s beside {arguments.slow_uploaders} slow uploaders (a byte every "
          f"{arguments.slow_interval:g} s), {arguments.disconnecters} disconnecting clients and "
          f"{arguments.overlong_clients} over-long-input client(s); RSS bound {arguments.rss_bound_mib:g} MiB")
    rss_start = resident_mib(server.process.pid)
    baseline, baseline_rate = run_normal(arguments, server, sentences, expected, arguments.baseline_seconds)
    print(f"\nbaseline: {baseline_rate:.1f} sentences/s, p50 {percentile(baseline.latencies, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(baseline.latencies, 0.99) * 1000:.0f} ms, {len(baseline.errors)} errors, {baseline.wrong} wrong, "
          f"503: {baseline.busy[503]}, 504: {baseline.busy[504]}", flush=True)
    if baseline.errors or baseline.wrong:
        failures.append(f"baseline: {len(baseline.errors)} errors, {baseline.wrong} wrong: {baseline.errors[:3]}")

    before = get_json(server.port, "/info")["batching"]
    stop = threading.Event()
    until = stop.is_set
    signalled = threading.Event()
    normal = Tally()
    hostile = Tally()
    threads = [threading.Thread(target=client_loop,
                                args=(server.port, sentences, expected, i * 997, 7919, until, normal, signalled.is_set, True))
               for i in range(arguments.normal_clients)]
    # The hostile clients start nothing new once the stop signal is sent (what they have open stays).
    hostile_until = lambda: stop.is_set() or signalled.is_set()
    threads += [threading.Thread(target=slow_uploader, args=(server.port, arguments.slow_interval, hostile_until, hostile))
                for _ in range(arguments.slow_uploaders)]
    threads += [threading.Thread(target=disconnecter, args=(server.port, sentences, seed, hostile_until, hostile))
                for seed in range(arguments.disconnecters)]
    threads += [threading.Thread(target=overlong_client, args=(server.port, max_body, hostile_until, hostile))
                for _ in range(arguments.overlong_clients)]
    health, memory = [], []
    monitors = [threading.Thread(target=health_monitor, args=(server.port, until, health)),
                threading.Thread(target=memory_monitor, args=(server.process.pid, until, memory))]
    began = time.monotonic()
    for thread in threads + monitors:
        thread.start()
    while time.monotonic() - began < arguments.hostile_seconds:
        time.sleep(1)
        if server.process.poll() is not None:
            failures.append(f"the server exited during the run with status {server.process.returncode}")
            break
    normal_rate = len(normal.latencies) / (time.monotonic() - began)
    after = get_json(server.port, "/info")["batching"] if server.process.poll() is None else before

    # SIGTERM with every client still running.
    signalled.set()
    signal_time = time.monotonic()
    status = server.stop(timeout=60)
    stopped_after = time.monotonic() - signal_time
    stop.set()
    for thread in threads + monitors:
        thread.join(150)
    shutdown = server.shutdown_counts()

    # Probes started before the signal; after it, the server is meant to stop answering.
    health = [(latency, answer) for started, latency, answer in health if started < signal_time]
    slow_health = [(latency, answer) for latency, answer in health if not (answer == 200 and latency < 1)]
    cut = [event for event in hostile.events if "cut off" in event]
    print(f"\nwith hostile clients: normal clients {normal_rate:.1f} sentences/s "
          f"({normal_rate / baseline_rate * 100 if baseline_rate else float('nan'):.0f}% of the baseline), "
          f"p50 {percentile(normal.latencies, 0.5) * 1000:.0f} ms, p99 {percentile(normal.latencies, 0.99) * 1000:.0f} ms, "
          f"{len(normal.errors)} errors, {normal.wrong} wrong, 503: {normal.busy[503]}, 504: {normal.busy[504]}")
    print(f"hostile clients: {dict(sorted(hostile.events.items()))}; slow uploads lasted "
          f"{percentile(hostile.latencies, 0.5):.1f} s (median) before the server cut them off; {len(hostile.errors)} errors")
    print(f"server: {after['sentences'] - before['sentences']} sentences decoded in {after['batches'] - before['batches']} batches, "
          f"{after['cancelled_sentences'] - before['cancelled_sentences']} cancelled (client gone or deadline), "
          f"{after['refused_sentences'] - before['refused_sentences']} refused (queue full)")
    print(f"/health: {len(health)} probes, slowest {max((l for l, _ in health), default=float('nan')) * 1000:.0f} ms, "
          f"{len(slow_health)} slower than 1 s or failed")
    print(f"RSS: {rss_start:.0f} MiB at the start, {max(memory, default=float('nan')):.0f} MiB at most "
          f"(bound {arguments.rss_bound_mib:g} MiB)")
    print(f"SIGTERM during the run: exit status {status} after {stopped_after:.2f} s; server: answered "
          f"{shutdown[0] if shutdown else '?'} of {shutdown[1] if shutdown else '?'} accepted requests")
    if normal.errors or normal.wrong:
        failures.append(f"normal clients: {len(normal.errors)} errors, {normal.wrong} wrong: {normal.errors[:3]}")
    if hostile.errors:
        failures.append(f"hostile clients: {len(hostile.errors)} unexpected answers: {hostile.errors[:3]}")
    if slow_health:
        failures.append(f"/health slower than 1 s or failed {len(slow_health)} times: {slow_health[:3]}")
    if max(memory, default=0) > arguments.rss_bound_mib:
        failures.append(f"RSS reached {max(memory):.0f} MiB, over the bound of {arguments.rss_bound_mib:g}")
    if status != 0 or stopped_after > 5:
        failures.append(f"SIGTERM: exit status {status} after {stopped_after:.2f} s (required: 0 within 5 s)")
    if shutdown is None or shutdown[0] != shutdown[1]:
        failures.append(f"not every accepted request was answered: {shutdown}")
    if not cut and arguments.slow_uploaders:
        failures.append("no slow upload was cut off")
    return failures


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
    parser.add_argument("--server-option", action="append", default=[],
                        help="passed to nmt serve (repeatable; --option=value for options with a value)")
    parser.add_argument("--hostile", action="store_true", help="the run with hostile clients instead of the phases")
    parser.add_argument("--normal-clients", type=int, default=128)
    parser.add_argument("--slow-uploaders", type=int, default=32)
    parser.add_argument("--slow-interval", type=float, default=10, help="seconds between a slow uploader's bytes")
    parser.add_argument("--disconnecters", type=int, default=32)
    parser.add_argument("--overlong-clients", type=int, default=1)
    parser.add_argument("--baseline-seconds", type=float, default=300)
    parser.add_argument("--hostile-seconds", type=float, default=300)
    parser.add_argument("--rss-bound-mib", type=float, default=1024)
    arguments = parser.parse_args()
    if not os.path.isdir(arguments.corpus):
        sys.exit(f"load-test: no Multi30k copy at {arguments.corpus} (give --corpus, or set NMT_SHARED to the "
                 f"shared folder; it is {SHARED}, by default ../shared beside the repository)")
    counts = [int(count) for count in arguments.clients.split(",")]

    server = Server(arguments.nmt, arguments.checkpoint, arguments.server_option)
    info = get_json(server.port, "/info")["models"][0]
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
          f"{len(sentences)} sentences from {source}; beam {info['translation']['beam']}"
          + ("" if arguments.hostile else f"; {arguments.seconds:g} s per phase"))
    print()
    if arguments.hostile:
        failures = hostile_run(arguments, server, sentences, expected)
        print("\n" + ("all checks passed" if not failures else "FAILED:\n  " + "\n  ".join(failures)))
        sys.exit(1 if failures else 0)
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
