#!/usr/bin/env python3
"""Two checkpoints of opposite directions in one `nmt serve` (issue 31): every answer equals
`nmt translate` with that checkpoint, through both APIs, and the server's resident memory
against serving each checkpoint alone.

    scripts/checks/serve-two-models.py --forward EN_DE.ckpt --backward DE_EN.ckpt [--lines 200]

The first LINES sentences of Multi30k test_2016_flickr (the side each checkpoint reads: raw/ for
models of raw text, tok/ for models of tokenized text) go to each model one request per
sentence, through today's API (POST /translate with "sentences", "source" and "target") and
LibreTranslate's (POST /translate with "q", form-encoded). Resident memory (VmRSS) is read after
start and after translating. Exits 1 when an answer differs.
"""

import argparse
import http.client
import importlib.util
import json
import os
import subprocess
import sys
import urllib.parse

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
spec = importlib.util.spec_from_file_location("load_test", os.path.join(ROOT, "scripts", "bench", "load-test.py"))
load_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load_test)


def post(port, body, content_type):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", "/translate", body=body.encode(), headers={"Content-Type": content_type})
        response = connection.getresponse()
        payload = response.read()
        if response.status != 200:
            sys.exit(f"POST /translate answered {response.status}: {payload[:300]!r}")
        return json.loads(payload)
    finally:
        connection.close()


def pair_of(nmt, checkpoint):
    """(source, target, tokenized) of a checkpoint, from a one-model server's /info."""
    server = load_test.Server(nmt, checkpoint, [])
    try:
        info = load_test.get_json(server.port, "/info")["models"][0]
        return info["source_language"], info["target_language"], info["segmentation"]["tokenized"]
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forward", required=True, help="checkpoint of one direction")
    parser.add_argument("--backward", required=True, help="checkpoint of the opposite direction")
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--corpus", default=os.path.join(load_test.SHARED, "corpora", "multi30k"))
    parser.add_argument("--nmt", default=os.path.join(ROOT, ".build", "release", "nmt"))
    args = parser.parse_args()

    models = []
    for checkpoint in (args.forward, args.backward):
        source, target, tokenized = pair_of(args.nmt, checkpoint)
        path = os.path.join(args.corpus, "tok" if tokenized else "raw", f"test_2016_flickr.{source}")
        with open(path, encoding="utf-8") as file:
            lines = [next(file).rstrip("\n") for _ in range(args.lines)]
        expected = subprocess.run([args.nmt, "translate", "--checkpoint", checkpoint], input="\n".join(lines) + "\n",
                                  capture_output=True, text=True, check=True).stdout.split("\n")[:len(lines)]
        models.append((checkpoint, source, target, lines, expected))

    memory = {}
    for checkpoint, source, target, _, _ in models:
        server = load_test.Server(args.nmt, checkpoint, [])
        memory[f"{source}-{target} alone"] = load_test.resident_mib(server.process.pid)
        server.stop()

    server = load_test.Server(args.nmt, args.forward, ["--checkpoint", args.backward])
    failures = 0
    try:
        memory["both, after start"] = load_test.resident_mib(server.process.pid)
        for checkpoint, source, target, lines, expected in models:
            own = libre = 0
            for line, want in zip(lines, expected):
                answer = post(server.port, json.dumps({"sentences": [line], "source": source, "target": target}),
                              "application/json")
                own += answer["translations"][0]["text"] == want
                form = urllib.parse.urlencode({"q": line, "source": source, "target": target})
                libre += post(server.port, form, "application/x-www-form-urlencoded")["translatedText"] == want
            print(f"{source}→{target} ({checkpoint}): equal to nmt translate: own API {own}/{len(lines)}, "
                  f"LibreTranslate API {libre}/{len(lines)}")
            failures += 2 * len(lines) - own - libre
        memory["both, after translating"] = load_test.resident_mib(server.process.pid)
    finally:
        server.stop()
    print("resident memory (MiB): " + "; ".join(f"{name} {value:.0f}" for name, value in memory.items()))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
