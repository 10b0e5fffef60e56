"""PyTorch's random numbers after manual_seed: rand, randn, randint and the _like forms, for
many seeds and sizes (both sides of randn's 16-element vector path), written to rng.json for
test/autograd/rng.test.ts, which demands every value bit for bit.

Run: /usr/bin/python3 test/golden/autograd/rng.py   (npm run golden)
"""
import json
import os

import torch

CALLS = []


def call(fn, *args, **kw):
    CALLS.append((fn, args, kw))


for n in [1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 100]:
    call("randn", n)
    call("rand", n)
call("randn", 2, 3)
call("randn", 4, 4)
call("randn", 3, dtype="float64")
call("randn", 40, dtype="float64")
call("rand", 5, dtype="float64")
call("randint", 0, 10, 7)
call("randint", -3, 3, 20)
call("randint", 0, 2 ** 40, 4)
call("randint", 0, 10, 5, dtype="float32")
call("randn_like", 5)
call("rand_like", 17)
SEQUENCE = ["randn", 3, "randn", 1, "rand", 2, "randn", 20, "randn", 1]

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def run(fn, args, kw):
    kw = {k: DTYPES[v] if k == "dtype" else v for k, v in kw.items()}
    if fn == "randint":
        low, high, n = args
        return torch.randint(low, high, (n,), **kw)
    if fn.endswith("_like"):
        return getattr(torch, fn)(torch.zeros(args[0]), **kw)
    return getattr(torch, fn)(*args, **kw)


def main():
    cases = []
    for seed in [0, 1, 42, 1234, 2 ** 32 + 5]:
        for fn, args, kw in CALLS:
            torch.manual_seed(seed)
            t = run(fn, args, kw)
            cases.append({"seed": seed, "fn": fn, "args": list(args), "kwargs": kw,
                          "values": t.reshape(-1).tolist()})
    # One generator, several calls: randn's cached second sample carries between calls.
    torch.manual_seed(7)
    sequence = []
    for fn, n in zip(SEQUENCE[::2], SEQUENCE[1::2]):
        sequence.append({"fn": fn, "n": n, "values": getattr(torch, fn)(n).tolist()})
    out = {"torch": torch.__version__, "cases": cases, "sequence": sequence,
           "initial_seed": (torch.manual_seed(99), torch.initial_seed())[1]}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rng.json")
    with open(path, "w") as fh:
        json.dump(out, fh)
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
