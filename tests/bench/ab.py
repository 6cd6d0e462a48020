#!/usr/bin/env python3
"""Interleaved A/B timing of whole commands, for a machine whose speed drifts.

  tests/bench/ab.py N "CMD_A" "CMD_B" [...]

Runs each command N times, alternating their order every round (A B, B A, ...)
so that both see the same load, with stdout and stderr to /dev/null (each
command is a shell string: redirections and environment prefixes work). Prints
the minimum, first quartile and median wall time of each, in milliseconds.
hyperfine runs one command's rounds after the other's, which on a shared VM
lets a change of load pass for a change of speed.
"""
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
n = int(sys.argv[1])
cmds = sys.argv[2:]
times = {c: [] for c in cmds}
for i in range(n):
    for c in cmds if i % 2 == 0 else list(reversed(cmds)):
        t = time.perf_counter()
        subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[c].append(time.perf_counter() - t)
for c in cmds:
    v = sorted(times[c])
    print(f"min {v[0] * 1000:7.1f}  p25 {v[len(v) // 4] * 1000:7.1f}  median {statistics.median(v) * 1000:7.1f} ms  {c}")
