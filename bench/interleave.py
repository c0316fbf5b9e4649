#!/usr/bin/env python3
"""Interleaved whole-process timing: every round runs each command once, in a
shuffled order, so drift in the machine's speed falls on all of them alike.
Usage: interleave.py ROUNDS CMD [CMD...]; prints median, quartiles and min per
command, and each command's ratio to the first, by median and by the median
of per-round ratios."""
import random, shlex, statistics, subprocess, sys, time
rounds = int(sys.argv[1]); cmds = sys.argv[2:]
random.seed(1)
times = {c: [] for c in cmds}
for c in cmds:  # warm-up
    subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
for r in range(rounds):
    order = cmds[:]; random.shuffle(order)
    for c in order:
        t = time.perf_counter()
        subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[c].append(time.perf_counter() - t)
base = times[cmds[0]]
for c in cmds:
    t = times[c]; q = statistics.quantiles(t, n=4)
    per_round = statistics.median([a / b for a, b in zip(t, base)])
    print(f"{statistics.median(t):.3f} s  (q1 {q[0]:.3f}, q3 {q[2]:.3f}, min {min(t):.3f})  "
          f"ratio to first {statistics.median(t)/statistics.median(base):.3f}, per-round {per_round:.3f}  {c}")
