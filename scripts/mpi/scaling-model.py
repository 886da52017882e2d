#!/usr/bin/env python3
"""Step time of synchronous data-parallel training against the number of machines N, from a
measured compute time per update and the cost of a ring all-reduce (docs/scaling.md).

The model (nmt does not overlap communication with computation, so the two add):
  ring all-reduce of G bytes:   A(N) = 2(N-1)/N * G / bandwidth + 2(N-1) * latency
  c = compute seconds of one batch of B sentences on one machine (forward, backward, Adam)
  a global batch of B per update, split over N machines:
                                T(N) = c/N + A(N),         speed-up  c / T(N)
  B sentences per machine per update (global batch N*B, e.g. batch_size N*B or accumulate N):
                                T(N) = c + A(N),           speed-up  N c / T(N)
  the all-reduce is at most 10% of an update once each machine computes
                                s >= 9 A(N) / c batches of B per update
  (config: batch_size * accumulate = N * s * B).

    scripts/mpi/scaling-model.py [--compute-s C] [--gradient-mb G] [--batch B] [--latency-us L] [--scale X]

Defaults: the figures measured for docs/scaling.md (Multi30k model, 2-core machine).
"""
import argparse
import math


def allreduce_seconds(n, gradient_bytes, gbit, latency):
    if n == 1:
        return 0.0
    return 2 * (n - 1) / n * gradient_bytes * 8 / (gbit * 1e9) + 2 * (n - 1) * latency


def table(name, compute, gradient_mb, batch, latency, machines, links):
    gradient_bytes = gradient_mb * 1e6
    print(f"\n{name}: c = {compute:.2f} s per batch of {batch} sentences on one machine, {gradient_mb:g} MB of gradients\n")
    print(f"| N | link | all-reduce | speed-up, batch {batch} split over N | speed-up, {batch} per machine "
          f"(batch {batch}·N) | batches of {batch} per machine for all-reduce ≤ 10% |")
    print("|---|---|---|---|---|---|")
    for n in machines:
        for gbit in links:
            a = allreduce_seconds(n, gradient_bytes, gbit, latency)
            strong = compute / (compute / n + a)
            weak = n * compute / (compute + a)
            batches = max(1, math.ceil(9 * a / compute)) if n > 1 else 1
            print(f"| {n} | {gbit:g} Gbit/s | {a * 1000:.0f} ms | ×{strong:.1f} | ×{weak:.1f} | {batches} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compute-s", type=float, default=0.70,
                        help="seconds of forward+backward+update of one batch on one machine (measured: 0.70)")
    parser.add_argument("--gradient-mb", type=float, default=44.0, help="bytes one all-reduce carries, MB (measured: 43.9)")
    parser.add_argument("--batch", type=int, default=64, help="sentences per batch")
    parser.add_argument("--latency-us", type=float, default=50.0, help="latency of one message on the link, µs")
    parser.add_argument("--scale", type=float, default=10.0,
                        help="the larger model: parameters, hence gradient bytes and compute per sentence, times this")
    parser.add_argument("--compute-scale", type=float, default=None,
                        help="compute per sentence of the larger model, times this (default: --scale; less for a model "
                             "whose extra parameters are mostly embeddings)")
    parser.add_argument("--machines", default="2,4,8,16,64")
    arguments = parser.parse_args()
    machines = [int(n) for n in arguments.machines.split(",")]
    links = [1, 10, 100]
    latency = arguments.latency_us * 1e-6
    table("Multi30k model", arguments.compute_s, arguments.gradient_mb, arguments.batch, latency, machines, links)
    compute_scale = arguments.compute_scale or arguments.scale
    table(f"{arguments.scale:g}× larger model", arguments.compute_s * compute_scale, arguments.gradient_mb * arguments.scale,
          arguments.batch, latency, machines, links)


if __name__ == "__main__":
    main()
