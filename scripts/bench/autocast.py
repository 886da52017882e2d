"""Runs a PyTorch script with its operations autocast to bfloat16 on the CPU (`torch.autocast`):
how a PyTorch user trains in bf16, and the counterpart of `training.precision: bf16` (matrix
products on bfloat16 inputs, weights and optimizer in float32). Used by the training benchmarks
with PRECISION=bf16.
  python3 scripts/bench/autocast.py SCRIPT [ARGS…]
"""
import json, runpy, sys

import torch

if len(sys.argv) < 2:
    sys.exit("usage: autocast.py SCRIPT [ARGS…]")
script = sys.argv[1]
sys.argv = sys.argv[1:]
print(json.dumps({"autocast": "bfloat16", "script": script}), flush=True)
with torch.autocast("cpu", dtype=torch.bfloat16):
    runpy.run_path(script, run_name="__main__")
