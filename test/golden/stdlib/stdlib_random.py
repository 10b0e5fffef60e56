"""Goldens of CPython 3.11's `random` module after seeding: each case is a seed and a list of calls
(method, args, kwargs) with the repr of what each returned (or the exception type and message).
Run as `/usr/bin/python3 test/golden/stdlib/stdlib_random.py` (writes random.json next to it)."""
import json
import pathlib
import random

CALLS = [
    ("random", [], {}),
    ("random", [], {}),
    ("getrandbits", [1], {}),
    ("getrandbits", [32], {}),
    ("getrandbits", [33], {}),
    ("getrandbits", [100], {}),
    ("randint", [1, 6], {}),
    ("randint", [-100, 100], {}),
    ("randint", [0, 2**70], {}),
    ("randrange", [10], {}),
    ("randrange", [5, 50, 5], {}),
    ("randrange", [50, 5, -3], {}),
    ("choice", [[10, 20, 30, 40]], {}),
    ("choice", ["hello"], {}),
    ("uniform", [-1.5, 2.5], {}),
    ("uniform", [1, 10], {}),
    ("triangular", [], {}),
    ("triangular", [0, 10, 8], {}),
    ("gauss", [], {}),
    ("gauss", [], {}),
    ("gauss", [5, 0.1], {}),
    ("normalvariate", [], {}),
    ("normalvariate", [1, 2], {}),
    ("expovariate", [1.5], {}),
    ("sample", [list(range(10)), 4], {}),
    ("sample", [list(range(100)), 10], {}),
    ("sample", ["abcdefgh", 3], {}),
    ("choices", [[1, 2, 3]], {"k": 5}),
    ("choices", [["a", "b", "c"], [10, 1, 1]], {"k": 6}),
    ("choices", [["a", "b", "c"]], {"cum_weights": [1, 2, 3], "k": 4}),
    ("shuffle", [list(range(12))], {}),
    ("randrange", [0], {}),
    ("randint", [3, 2], {}),
    ("choice", [[]], {}),
    ("sample", [[1, 2], 3], {}),
    ("random", [], {}),
]
SEEDS = [0, 1, 42, 1234, 2**32 + 5, -7, 2**100 + 12345, 3.5]


def run(seed):
    random.seed(seed)
    out = []
    for name, args, kwargs in CALLS:
        args = [list(a) if isinstance(a, list) else a for a in args]
        try:
            r = getattr(random, name)(*args, **kwargs)
            if name == "shuffle":
                r = args[0]
            out.append(repr(r))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out


def encode(v):
    """A JSON form that keeps Python's types: ints and floats tagged, lists as arrays."""
    if isinstance(v, bool):
        return {"b": v}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": repr(v)}
    if isinstance(v, list):
        return [encode(x) for x in v]
    return {"s": v}


cases = [{"seed": encode(s), "results": run(s)} for s in SEEDS]
calls = [[n, [encode(a) for a in args], {k: encode(v) for k, v in kw.items()}] for n, args, kw in CALLS]
doc = {"calls": calls, "cases": cases}
(pathlib.Path(__file__).parent / "random.json").write_text(json.dumps(doc, indent=1) + "\n")
