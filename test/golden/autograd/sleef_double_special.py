"""More of PyTorch 1.13's float64 elementwise functions, their exact bits written to
sleef_double_special.json for test/autograd/sleef-double.test.ts (which reads it beside
sleef_double.json, in the same form):

- tan, erf, erfc (SLEEF's xtan_u1, xerf_u1, xerfc_u15 on every element: vml maps a partial last
  vector through SLEEF too) and exp2 (glibc's exp2 on every element), on one long tensor and on
  tensors of lengths 1..9, and their gradients;
- sqrt, rsqrt, reciprocal, abs, neg, square and sign (no libm function: proof that they agree);
- the activations with a kernel of their own (elu, gelu both ways, softplus, silu, mish,
  logsigmoid, leaky_relu), softsign and atan2: blocks of 8 through the Vectorized<double> lambda (SLEEF),
  the last n % 8 through the scalar one (glibc), value and gradient, on tensors whose lengths leave
  every tail length 0..7.

Values are 16-hex-digit IEEE bit patterns. Run: /usr/bin/python3 test/golden/autograd/sleef_double_special.py
"""
import json
import math
import os
import random
import struct

import torch
import torch.nn.functional as F

random.seed(20261207)
N = 3000


def bits(v):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]


def uniform(lo, hi, n=N):
    return [random.uniform(lo, hi) for _ in range(n)]


def subnormals(n):
    return [math.ldexp(random.random(), -1022 - random.randint(0, 52)) for _ in range(n)]


EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, -1e-300, 5e-324, -5e-324,
         1e-20, -1e-20, 1e-8, -1e-8, float("inf"), float("-inf"), float("nan")]


def shuffled(xs):
    xs = list(xs)
    random.shuffle(xs)
    return xs


DOMAINS = {
    "tan": uniform(-14, 14) + uniform(-1e-3, 1e-3, 200) + subnormals(20)
    + [math.pi / 2, -math.pi / 2, math.pi / 4, 3 * math.pi / 2, 14.999999],
    "erf": uniform(-7, 7) + uniform(-1.3, 1.3, 1000) + uniform(-1e-7, 1e-7, 200) + subnormals(20)
    + [0.99999999, 1.0000001, 3.6999999, 3.7000001, 5.9999999, 6.0, -6.0000001],
    "erfc": uniform(-7, 30) + uniform(-1.1, 1.1, 600) + uniform(26, 27.4, 200) + subnormals(20)
    + [2.2, 2.1999999, 4.2, 4.1999999, 27.3, 27.2999999, -30.0],
    "exp2": uniform(-1100, 1100) + uniform(-2, 2, 1000) + subnormals(20)
    + [1024.0, 1023.9999999, -1022.0, -1074.0, -1075.0, -1074.5, 0.5, 3.0],
}
# The others that call no libm function (IEEE-rounded sqrt and division; exact sign changes): proof
# that nothing else differs.
for op in ("sqrt", "rsqrt", "reciprocal"):
    DOMAINS[op] = [math.exp(random.uniform(-700, 700)) for _ in range(1000)] + uniform(0, 4, 500) \
        + subnormals(20) + uniform(-2, 0, 20)
for op in ("abs", "neg", "square", "sign"):
    DOMAINS[op] = uniform(-1e6, 1e6, 500) + uniform(-2, 2, 500) + subnormals(20)
# tan takes its longer reduction for a whole group of four lanes when one of them is 15 or more:
# this sweep mixes large and small arguments in the same groups.
DOMAINS["tan_mixed"] = shuffled(uniform(-14, 14, 1500) + uniform(-1e6, 1e6, 500)
                                + uniform(-1e13, 1e13, 200) + [15.0, -15.0])

out = {"cases": [], "grads": [], "functional": [], "chain": []}

for name, xs in DOMAINS.items():
    op = name.split("_")[0]
    for sample in [shuffled(xs) + EDGES] + [random.sample(xs, n) for n in range(1, 10)]:
        y = getattr(torch, op)(torch.tensor(sample, dtype=torch.float64)).tolist()
        out["cases"].append({"op": op, "x": [bits(v) for v in sample], "y": [bits(v) for v in y]})

GRAD_DOMAINS = {"tan": (-1.5, 1.5), "erf": (-4, 4), "erfc": (-4, 8), "exp2": (-20, 20)}
for op, (lo, hi) in GRAD_DOMAINS.items():
    for n in (203, 5):
        xs = uniform(lo, hi, n)
        gs = uniform(-2, 2, n)
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        getattr(torch, op)(x).backward(torch.tensor(gs, dtype=torch.float64))
        out["grads"].append({"op": op, "x": [bits(v) for v in xs], "g": [bits(v) for v in gs],
                             "grad": [bits(v) for v in x.grad.tolist()]})

ACTIVATIONS = {
    "elu": F.elu,
    "elu_alpha": lambda t: F.elu(t, alpha=0.7),
    "gelu": F.gelu,
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
    "softplus": F.softplus,
    "softplus_beta": lambda t: F.softplus(t, beta=2, threshold=5),
    "silu": F.silu,
    "mish": F.mish,
    "logsigmoid": F.logsigmoid,
    "leaky_relu": lambda t: F.leaky_relu(t, 0.03),
    "softsign": F.softsign,
    "atan2": lambda t: torch.atan2(t, t.flip(-1)),
}
# Lengths with every tail n % 8, small to long; shapes of two dims flatten into one row.
SHAPES = [(n,) for n in range(1, 10)] + [(3, 5), (2003,), (4, 250), (17,), (64,)]
for name, fn in ACTIVATIONS.items():
    for shape in SHAPES:
        numel = math.prod(shape)
        xs = [random.choice((lambda: random.uniform(-20, 20), lambda: random.uniform(-3, 3),
                             lambda: random.uniform(-0.01, 0.01)))() for _ in range(numel)]
        if numel > 100:
            xs[:len(EDGES) - 3] = EDGES[:-3]  # not inf/nan: their gradients are nan both ways
            random.shuffle(xs)
        x = torch.tensor(xs, dtype=torch.float64).reshape(shape).requires_grad_()
        y = fn(x)
        gs = uniform(-2, 2, numel)
        y.backward(torch.tensor(gs, dtype=torch.float64).reshape(shape))
        out["functional"].append({
            "name": name, "shape": list(shape), "x": [bits(v) for v in xs],
            "g": [bits(v) for v in gs], "y": [bits(v) for v in y.detach().flatten().tolist()],
            "grad": [bits(v) for v in x.grad.flatten().tolist()]})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sleef_double_special.json"),
          "w") as fh:
    json.dump(out, fh)
