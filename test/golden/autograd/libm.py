"""CPython's math functions (glibc's libm on this machine) over seeded arguments, written to
libm.json for test/autograd/libm.test.ts, which compares autograd/kernels/libm.ts with them.

Run: /usr/bin/python3 test/golden/autograd/libm.py   (npm run golden)
"""
import json
import math
import os
import random

random.seed(20261207)
N = 2000


def uniform(lo, hi):
    return [random.uniform(lo, hi) for _ in range(N)]


def logs(lo, hi):
    return [math.exp(random.uniform(lo, hi)) for _ in range(N)]


UNARY = {
    "exp": (math.exp, uniform(-40, 40) + uniform(-1, 1)[:200] + uniform(700, 709.7)[:50]),
    "exp2": (math.exp2, uniform(-60, 60)),
    "log": (math.log, logs(-40, 40) + uniform(0.9, 1.1)[:300] + [2.0 ** -1060, 5e-324]),
    "log2": (math.log2, logs(-40, 40)),
    "log10": (math.log10, logs(-40, 40)),
    "sin": (math.sin, uniform(-10, 10) + uniform(-1e6, 1e6)[:300] + [1e22, 3.0e300, -7.5e100]),
    "cos": (math.cos, uniform(-10, 10) + uniform(-1e6, 1e6)[:300] + [1e22, 3.0e300]),
    "tan": (math.tan, uniform(-10, 10) + uniform(-1e5, 1e5)[:300]),
    "atan": (math.atan, uniform(-10, 10) + logs(-30, 30)[:300]),
    "asin": (math.asin, uniform(-1, 1) + [1.0, -1.0, 0.9999999999]),
    "acos": (math.acos, uniform(-1, 1) + [1.0, -1.0, -0.9999999999]),
    "sinh": (math.sinh, uniform(-30, 30) + uniform(-1, 1)[:300]),
    "cosh": (math.cosh, uniform(-30, 30) + uniform(-1, 1)[:300]),
}

out = {}
for name, (f, xs) in UNARY.items():
    out[name] = {"x": xs, "y": [f(x) for x in xs]}

ys = uniform(-10, 10)
xs = uniform(-10, 10)
out["atan2"] = {"x": [[y, x] for y, x in zip(ys, xs)], "y": [math.atan2(y, x) for y, x in zip(ys, xs)]}

pairs = []
for _ in range(N):
    base = math.exp(random.uniform(-5, 5))
    kind = random.random()
    if kind < 0.3:
        e = float(random.randint(-12, 12))
    elif kind < 0.4:
        e = random.choice([0.5, -0.5, 1.5, 2.5, 1 / 3])
    else:
        e = random.uniform(-20, 20)
    if random.random() < 0.1 and float(e).is_integer():
        base = -base
    pairs.append([base, e])
out["pow"] = {"x": pairs, "y": [b ** e for b, e in pairs]}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "libm.json"), "w") as fh:
    json.dump(out, fh)
