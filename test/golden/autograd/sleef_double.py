"""PyTorch 1.13's float64 elementwise functions over seeded arguments, their exact bits written to
sleef_double.json for test/autograd/sleef-double.test.ts (autograd/kernels/sleef-double.ts and the
float64 paths of the ops that use it).

Each op runs on one long tensor (as PyTorch's vectorised kernels see it: the groups of four
lanes decide sin's and cos's reduction, the last n % 8 elements of sigmoid go through glibc)
and on tensors of lengths 1..9 (the tails). Values are stored as 16-hex-digit IEEE bit
patterns, so -0.0, subnormals, infinities and NaN survive.

Run: /usr/bin/python3 test/golden/autograd/sleef_double.py   (npm run golden)
"""
import json
import math
import os
import random
import struct

import torch

random.seed(20261208)
torch.manual_seed(0)
N = 3000


def bits(v):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]


def uniform(lo, hi, n=N):
    return [random.uniform(lo, hi) for _ in range(n)]


def logs(lo, hi, n=N):
    return [math.exp(random.uniform(lo, hi)) for _ in range(n)]


def subnormals(n):
    return [math.ldexp(random.random(), -1022 - random.randint(0, 52)) for _ in range(n)]


EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, -1e-300, 5e-324, -5e-324,
         1e-20, -1e-20, 1e-8, -1e-8, float("inf"), float("-inf"), float("nan")]


def shuffled(xs):
    xs = list(xs)
    random.shuffle(xs)
    return xs


DOMAINS = {
    "exp": uniform(-20, 20) + uniform(-1, 1, 600) + uniform(-750, 710, 600) + subnormals(20)
    + [709.78, 709.8, -708.4, -745.2, -745.1, -1000.5, 1e-17],
    "expm1": uniform(-20, 20) + uniform(-1, 1, 600) + uniform(-1e-5, 1e-5, 200)
    + uniform(-50, 710, 300) + subnormals(20) + [709.7827, 709.79, -36.7, -36.8, 1e-17],
    "tanh": uniform(-10, 10) + uniform(-1, 1, 600) + uniform(-1e-4, 1e-4, 200)
    + uniform(-30, 30, 300) + subnormals(20) + [18.71, 18.72, -18.72, 1e-17],
    "sinh": uniform(-10, 10) + uniform(-1, 1, 600) + uniform(-720, 720, 300) + subnormals(20)
    + [709.9, 710.1],
    "cosh": uniform(-10, 10) + uniform(-1, 1, 600) + uniform(-720, 720, 300) + subnormals(20)
    + [709.9, 710.1],
    "sigmoid": uniform(-40, 40) + uniform(-5, 5, 600) + uniform(-800, 800, 200) + subnormals(20),
    "log": logs(-700, 700) + uniform(0.5, 2, 600) + uniform(0.999, 1.001, 200) + subnormals(40)
    + uniform(-5, 0, 20) + [1.7976931348623157e308],
    "log2": logs(-700, 700) + uniform(0.5, 2, 600) + subnormals(40) + uniform(-5, 0, 20)
    + [1024.0, 0.125, 3.0],
    "log10": logs(-700, 700) + uniform(0.5, 2, 600) + subnormals(40) + uniform(-5, 0, 20)
    + [1000.0, 0.001],
    "log1p": uniform(-1, 3) + uniform(-1e-5, 1e-5, 300) + logs(-30, 700, 600) + subnormals(20)
    + uniform(-5, -1, 20) + [-1.0, -0.9999999999999999, 1e307, 2e307, 1.7976931348623157e308],
    "atan": uniform(-10, 10) + logs(-30, 30, 1000) + uniform(-1e-4, 1e-4, 200) + subnormals(20)
    + [1e300, -1e300],
    "asin": uniform(-1, 1) + uniform(-1e-4, 1e-4, 200) + uniform(0.999, 1, 200) + subnormals(20)
    + [0.49999999, -0.5000001, 1.0000001, -2.0],
    "acos": uniform(-1, 1) + uniform(-1e-4, 1e-4, 200) + uniform(0.999, 1, 200) + subnormals(20)
    + [0.49999999, -0.5000001, 1.0000001, -2.0],
    "sin": uniform(-10, 10) + uniform(-1e-3, 1e-3, 200) + subnormals(20),
    "cos": uniform(-10, 10) + uniform(-1e-3, 1e-3, 200) + subnormals(20),
}

# sin and cos take a longer reduction for a whole group of four lanes when one of them is
# 15 or more in magnitude: these sweeps mix large and small arguments in the same groups.
for name in ("sin", "cos"):
    DOMAINS[name + "_mixed"] = shuffled(uniform(-10, 10, 1500) + uniform(-1e6, 1e6, 500)
                                       + uniform(-1e13, 1e13, 200) + [15.0, -15.0, 14.999999])

out = {"cases": []}


def run(op, xs):
    t = torch.tensor(xs, dtype=torch.float64)
    fn = getattr(torch, op)
    ys = fn(t).tolist()
    out["cases"].append({"op": op, "x": [bits(v) for v in xs], "y": [bits(v) for v in ys]})


for name, xs in DOMAINS.items():
    op = name.split("_")[0]
    run(op, shuffled(xs) + EDGES)
    for n in range(1, 10):
        run(op, random.sample(xs, n))

# Each op's gradient on its own: y = op(x), y.backward(g).
out["grads"] = []
GRAD_DOMAINS = {"exp": (-5, 5), "expm1": (-5, 5), "tanh": (-5, 5), "sinh": (-5, 5),
                "cosh": (-5, 5), "sigmoid": (-8, 8), "log": (0.01, 10), "log2": (0.01, 10),
                "log10": (0.01, 10), "log1p": (-0.9, 10), "sin": (-20, 20), "cos": (-20, 20),
                "atan": (-10, 10), "asin": (-0.99, 0.99), "acos": (-0.99, 0.99)}
for op, (lo, hi) in GRAD_DOMAINS.items():
    for n in (203, 5):
        xs = uniform(lo, hi, n)
        gs = uniform(-2, 2, n)
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        getattr(torch, op)(x).backward(torch.tensor(gs, dtype=torch.float64))
        out["grads"].append({"op": op, "x": [bits(v) for v in xs], "g": [bits(v) for v in gs],
                             "grad": [bits(v) for v in x.grad.tolist()]})

# Functions built on them (float64), on a [rows, cols] tensor: value and gradient for a random g.
import torch.nn.functional as F  # noqa: E402

FUNCTIONAL = {
    "softmax": lambda t: F.softmax(t, dim=-1),
    "softmax0": lambda t: F.softmax(t, dim=0),
    "log_softmax": lambda t: F.log_softmax(t, dim=-1),
    "log_softmax0": lambda t: F.log_softmax(t, dim=0),
    "logsumexp": lambda t: torch.logsumexp(t, dim=-1),
    "pow_2_5": lambda t: t.abs() ** 2.5,
    "pow_neg_1_7": lambda t: t.abs() ** -1.7,
    "pow_3": lambda t: t ** 3,
    "pow_tensor": lambda t: t.abs() ** (t * 0.5),
    "rpow": lambda t: 1.7 ** t,
}
out["functional"] = []
for name, fn in FUNCTIONAL.items():
    for shape in ((7, 13), (3, 40), (5,)) + (((33, 61),) if name.startswith(("pow", "rpow")) else ()):
        xs = uniform(-4.5, 4.5, shape[0] * (shape[1] if len(shape) > 1 else 1))
        x = torch.tensor(xs, dtype=torch.float64).reshape(shape).requires_grad_()
        y = fn(x)
        gs = uniform(-2, 2, y.numel())
        y.backward(torch.tensor(gs, dtype=torch.float64).reshape(y.shape))
        out["functional"].append({
            "name": name, "shape": list(shape), "x": [bits(v) for v in xs],
            "g": [bits(v) for v in gs], "y": [bits(v) for v in y.detach().flatten().tolist()],
            "grad": [bits(v) for v in x.grad.flatten().tolist()]})

# Gradients of a float64 chain through the ops (their backward formulas use the saved results).
grads = []
for seed in range(8):
    xs = uniform(-3, 3, 37 + seed)
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = torch.sigmoid(torch.tanh(torch.exp(x) * 0.5) * 3.0) + torch.log1p(torch.exp(x))
    z = torch.sin(x) * torch.cos(x * 0.7) + torch.expm1(x * 0.25) + torch.log(x * x + 1.0)
    (y * z).sum().backward()
    grads.append({"x": [bits(v) for v in xs], "grad": [bits(v) for v in x.grad.tolist()],
                  "y": [bits(v) for v in (y * z).tolist()]})
out["chain"] = grads

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sleef_double.json"), "w") as fh:
    json.dump(out, fh)
