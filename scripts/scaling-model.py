#!/usr/bin/env python3
"""Step time of synchronous data-parallel training against the number of machines N, from a
measured compute time per update and the cost of a ring all-reduce (docs/scaling.md).

Model (no overlap of communication with computation, which is what nmt does):
  ring all-reduce of G bytes:  T_ar(N) = 2(N-1)/N * G / bandwidth + 2(N-1) * latency
  fixed global batch:          T(N)    = T_compute / N + T_ar(N)
  speed-up:                    S(N)    = T_compute / T(N)
  accumulation of K batches:   T_K(N)  = K * T_compute / N + T_ar(N) for K batches' worth,
                               so the all-reduce share of an update is T_ar / (K T_compute / N + T_ar).

    scripts/scaling-model.py [--compute-s S] [--gradient-mb G] [--tokens T] [--latency-us L] [--markdown]

Defaults: the measured Multi30k figures of docs/scaling.md.
"""
import argparse
import math


def allreduce_seconds(n, gradient_bytes, gbit, latency):
    if n == 1:
        return 0.0
    return 2 * (n - 1) / n * gradient_bytes * 8 / (gbit * 1e9) + 2 * (n - 1) * latency


def smallest_accumulation(n, compute, gradient_bytes, gbit, latency, share=0.1):
    """The least K for which the all-reduce takes at most `share` of an update's time."""
    exchange = allreduce_seconds(n, gradient_bytes, gbit, latency)
    if exchange == 0:
        return 1
    # exchange / (K compute / n + exchange) <= share  <=>  K >= n exchange (1 - share) / (share compute)
    return max(1, math.ceil(n * exchange * (1 - share) / (share * compute)))


def table(name, compute, gradient_mb, tokens, latency, machines, links, markdown):
    gradient_bytes = gradient_mb * 1e6
    print(f"\n{name}: {compute:.3f} s of compute per update on one machine, {gradient_mb:g} MB of gradients, "
          f"{tokens:g} target tokens per update")
    header = ["N"] + [f"{g:g} Gbit/s: step s (all-reduce s), speed-up, K for ≤10% comm." for g in links]
    rows = []
    for n in machines:
        cells = [str(n)]
        for gbit in links:
            exchange = allreduce_seconds(n, gradient_bytes, gbit, latency)
            step = compute / n + exchange
            k = smallest_accumulation(n, compute, gradient_bytes, gbit, latency)
            cells.append(f"{step:.3f} ({exchange:.3f}), ×{compute / step:.1f}, K={k}")
        rows.append(cells)
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for cells in rows:
            print("| " + " | ".join(cells) + " |")
    else:
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        for cells in [header] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compute-s", type=float, default=0.50, help="seconds of forward+backward+update per update, one machine")
    parser.add_argument("--gradient-mb", type=float, default=52.0, help="gradient bytes per all-reduce, in MB (4 bytes a parameter)")
    parser.add_argument("--tokens", type=float, default=830, help="target tokens per update (for the throughput)")
    parser.add_argument("--latency-us", type=float, default=50.0, help="per-message latency of the link, microseconds")
    parser.add_argument("--scale", type=float, default=10.0, help="the larger model: parameters and compute times this")
    parser.add_argument("--markdown", action="store_true")
    arguments = parser.parse_args()
    machines = [1, 2, 4, 8, 16, 32, 64]
    links = [1, 10, 100]
    latency = arguments.latency_us * 1e-6
    table("Multi30k model", arguments.compute_s, arguments.gradient_mb, arguments.tokens, latency, machines, links,
          arguments.markdown)
    table(f"{arguments.scale:g}x larger model", arguments.compute_s * arguments.scale, arguments.gradient_mb * arguments.scale,
          arguments.tokens, latency, machines, links, arguments.markdown)


if __name__ == "__main__":
    main()
