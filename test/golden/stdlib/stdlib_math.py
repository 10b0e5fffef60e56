"""Goldens of CPython 3.11's `math` module on many inputs: for each function, the arguments and
what it returned (float.hex, so every bit is kept) or raised. Run as
`/usr/bin/python3 test/golden/stdlib/stdlib_math.py` (writes math.json next to it)."""
import json
import math
import pathlib
import random

random.seed(20261207)


def draw(kind):
    r = random.random()
    if kind == "unit":
        return random.uniform(-1, 1)
    if kind == "pos":
        return random.choice([random.uniform(0, 10), 10 ** random.uniform(-10, 10)])
    if kind == "exp":
        return random.uniform(-700, 700) if r < 0.3 else random.uniform(-20, 20)
    if kind == "small":
        return random.uniform(-3, 3)
    if kind == "gamma":
        return random.choice([random.uniform(-10, 10), random.uniform(0, 170), float(random.randint(-3, 30))])
    return random.choice([random.uniform(-10, 10), random.uniform(-1000, 1000), random.uniform(-1, 1) * 10 ** random.uniform(-8, 8)])


UNARY = {
    # CPython's own algorithms or exactly rounded operations: bit for bit.
    "exact": {"sqrt": "pos", "fabs": "any", "degrees": "any", "radians": "any"},
    # libm (glibc) in CPython, autograd/kernels/libm.ts here, which misses glibc only in its rare
    # wrongly rounded cases (test/autograd/libm.test.ts counts them): within one ulp.
    "libm": {"sin": "any", "cos": "any", "tan": "any", "asin": "unit", "acos": "unit", "atan": "any",
             "sinh": "small", "cosh": "small", "tanh": "small", "asinh": "any", "acosh": "pos", "atanh": "unit",
             "exp": "exp", "expm1": "exp", "log": "pos", "log2": "pos", "log10": "pos", "log1p": "pos",
             },
    # glibc's own algorithms, not ported yet (CPython's Lanczos gamma over JS's exp/pow/log, the
    # series erf, Math.cbrt): up to 64 ulps (erfc near 1.5).
    "approx": {"erf": "small", "erfc": "small", "gamma": "gamma", "lgamma": "gamma", "cbrt": "any"},
}


def result(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return r.hex() if isinstance(r, float) else repr(r)


out = {"unary": {}, "binary": {}}
for group, fns in UNARY.items():
    for name, kind in fns.items():
        xs = [draw(kind) for _ in range(150)] + [0.0, -0.0, 1.0, -1.0, float("inf"), float("-inf"), float("nan")]
        out["unary"][name] = {"tolerance": {"exact": 0, "libm": 1, "approx": 64}[group], "args": [x.hex() for x in xs], "results": [result(getattr(math, name), x) for x in xs]}
pairs = [(random.uniform(-10, 10), random.uniform(-10, 10)) for _ in range(150)] + [(0.0, 0.0), (3.0, 4.0), (1e308, 1e308), (5e-324, 5e-324)]
powers = [(random.uniform(0, 10), random.uniform(-5, 5)) for _ in range(150)] + [(0.0, -1.0), (-8.0, 1 / 3), (2.0, 2000.0)]
for name, tolerance, args in [("hypot", 0, pairs), ("atan2", 1, pairs), ("copysign", 0, pairs), ("fmod", 0, pairs), ("pow", 1, powers)]:
    out["binary"][name] = {"tolerance": tolerance, "args": [[a.hex(), b.hex()] for a, b in args], "results": [result(getattr(math, name), a, b) for a, b in args]}
(pathlib.Path(__file__).parent / "math.json").write_text(json.dumps(out) + "\n")
