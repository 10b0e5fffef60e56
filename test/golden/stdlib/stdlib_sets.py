"""Goldens of CPython 3.11's set iteration order and hash(): random sets of ints, floats, strs and
tuples built by add/discard, with the order `list(s)` gives and each item's hash, under
PYTHONHASHSEED=0 (the golden generator's setting; str hashes depend on it). Run as
`PYTHONHASHSEED=0 /usr/bin/python3 test/golden/stdlib/stdlib_sets.py` (writes sets.json)."""
import json
import os
import pathlib
import random

assert os.environ.get("PYTHONHASHSEED") == "0", "run with PYTHONHASHSEED=0"
random.seed(1)


def item(kind):
    if kind == "int":
        return random.randint(0, 100)
    if kind == "neg":
        return random.randint(-50, 50)
    if kind == "big":
        return random.randint(-10**20, 10**20)
    if kind == "float":
        return random.choice([random.random() * 10, float(random.randint(0, 9)), -random.random()])
    if kind == "str":
        return "".join(random.choice("abcxyzé中") for _ in range(random.randint(0, 12)))
    if kind == "tuple":
        return (random.randint(0, 5), "ab"[: random.randint(0, 2)])
    return random.choice([random.randint(0, 30), "k%d" % random.randint(0, 9)])


def encode(v):
    if isinstance(v, tuple):
        return {"t": [encode(x) for x in v]}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": repr(v)}
    return {"s": v}


cases = []
for _ in range(200):
    kind = random.choice(["int", "str", "mix", "neg", "big", "float", "tuple"])
    items = [item(kind) for _ in range(random.randint(0, 40))]
    removed = [x for x in items if random.random() < 0.3]
    s = set()
    for x in items:
        s.add(x)
    for x in removed:
        s.discard(x)
    for x in items[:5]:
        s.add(x)
    cases.append({
        "items": [encode(x) for x in items],
        "removed": [encode(x) for x in removed],
        "order": [repr(x) for x in s],
        "hashes": [str(hash(x)) for x in items],
    })
(pathlib.Path(__file__).parent / "sets.json").write_text(json.dumps(cases) + "\n")
