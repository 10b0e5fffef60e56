"""Bit-for-bit cases: float32 reductions, products and losses on random data, whose last bits
depend on the order PyTorch adds in (cascade sums, reference-BLAS matmul). Written to
bitwise.json in generate.py's format; test/autograd/bitwise.test.ts demands every float32 value
exactly.

Run: /usr/bin/python3 test/golden/autograd/bitwise.py   (npm run golden)
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dsl import S, V  # noqa: E402

f64 = torch.float64
from generate import run_case  # noqa: E402

torch.manual_seed(1913)
CASES = []


def case(name, *steps):
    CASES.append({"name": name, "steps": list(steps)})


def data(*shape, scale=1.0):
    """Random float32 values (with mixed magnitudes, so the order of additions shows)."""
    x = (torch.rand(*shape) * 2 - 1) * scale
    mags = torch.pow(10.0, torch.randint(-2, 3, shape).float())
    return (x * mags).tolist()


def leaf(name, *shape, dtype=None, grad=True):
    kw = {"requires_grad": True} if grad else {}
    if dtype is not None:
        kw["dtype"] = dtype
    return S(name, "torch.tensor", data(*shape), **kw)


# ---- sums and means of contiguous tensors, every loop shape ------------------------------
for n in [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 100, 127, 128, 129, 255,
          256, 257, 1000, 4097, 9000, 32767]:
    case(f"sum of {n}", leaf("x", n, grad=False), S("s", "x.sum"), S("m", "x.mean"))
for shape in [(2, 3), (3, 8), (8, 3), (5, 17), (17, 5), (40, 9), (9, 40), (33, 33), (64, 70),
              (7, 130), (130, 7), (100, 1), (1, 100)]:
    steps = [leaf("x", *shape, grad=False), S("a", "x.sum"), S("b", "x.sum", 0), S("c", "x.sum", 1),
             S("d", "x.mean", 0, keepdim=True), S("e", "x.mean", 1), S("t", "x.t"),
             S("f", "t.sum"), S("g", "t.sum", 0), S("h", "t.sum", 1)]
    case(f"sum of {shape[0]}x{shape[1]}", *steps)
for shape in [(3, 5, 7), (4, 9, 10), (6, 2, 33), (2, 40, 3)]:
    steps = [leaf("x", *shape, grad=False), S("a", "x.sum"), S("b", "x.sum", 0), S("c", "x.sum", 1),
             S("d", "x.sum", 2), S("e", "x.sum", [0, 2]), S("f", "x.mean", [1, 2]),
             S("t", "x.transpose", 0, 2), S("g", "t.sum", 1), S("h", "t.sum")]
    case(f"sum of {'x'.join(map(str, shape))}", *steps)
case("sum of float64", leaf("x", 40, 9, dtype=torch.float64, grad=False), S("a", "x.sum"),
     S("b", "x.sum", 0), S("c", "x.sum", 1), S("d", "x.mean"))
case("sum of an expanded row", leaf("x", 1, 37, grad=False), S("e", "x.expand", 50, 37),
     S("a", "e.sum"), S("b", "e.sum", 0), S("c", "e.sum", 1))

# ---- products ---------------------------------------------------------------------------
for n, k, m in [(2, 3, 4), (4, 2, 1), (1, 5, 3), (8, 1, 6), (5, 17, 3), (16, 33, 9), (3, 100, 1),
                (1, 64, 1), (32, 64, 10), (7, 300, 5)]:
    case(f"mm {n}x{k} by {k}x{m}", leaf("a", n, k), leaf("b", k, m), S("c", "a.mm", V("b")),
         S("w", "torch.tensor", data(n, m)), S("p", "c.__mul__", V("w")), S("s", "p.sum"),
         S(None, "s.backward"))
case("matmul forms", leaf("a", 6, 13), leaf("v", 13), leaf("u", 6),
     S("mv", "a.mv", V("v")), S("dot", "v.dot", V("v")), S("vm", "u.__matmul__", V("a")),
     S("mvs", "mv.sum"), S(None, "mvs.backward"))
case("batched matmul", leaf("a", 3, 4, 9), leaf("b", 9, 5), S("c", "a.matmul", V("b")),
     S("s", "c.sum"), S(None, "s.backward"))
# addmm in gemm's two orders: a row-major mat2 (bias first, then each product) and F.linear's
# column-major weight.t() (the products summed from zero, then the bias).
for n, k, m in [(4, 7, 5), (32, 64, 10), (3, 100, 2)]:
    case(f"addmm {n}x{k} by {k}x{m}", leaf("i", m), leaf("a", n, k), leaf("b", k, m),
         S("c", "torch.addmm", V("i"), V("a"), V("b")), S("d", "torch.addmm", V("i"), V("a"), V("b"), beta=0.5, alpha=1.5),
         S("w", "torch.tensor", data(n, m)), S("p", "c.__mul__", V("w")), S("s", "p.sum"), S(None, "s.backward"))
    case(f"F.linear {n}x{k} by {m}x{k}", leaf("x", n, k), leaf("wt", m, k), leaf("b", m),
         S("y", "F.linear", V("x"), V("wt"), V("b")), S("y0", "F.linear", V("x"), V("wt")),
         S("w", "torch.tensor", data(n, m)), S("p", "y.__mul__", V("w")), S("s", "p.sum"), S(None, "s.backward"))

# ---- losses and normalisations ----------------------------------------------------------
for n in [3, 8, 30, 100]:
    case(f"losses over {n}", leaf("x", n, 4), S("y", "torch.tensor", data(n, 4)),
         S("l", "F.mse_loss", V("x"), V("y")), S(None, "l.backward"))
    case(f"cross entropy over {n}", leaf("x", n, 5),
         S("y", "torch.tensor", torch.randint(0, 5, (n,)).tolist()),
         S("l", "F.cross_entropy", V("x"), V("y")), S(None, "l.backward"),
         S("sm", "x.softmax", 1), S("lsm", "x.log_softmax", 1))
    case(f"norm over {n}", leaf("x", n, 7), S("a", "x.norm"), S("b", "x.norm", dim=1),
         S("c", "x.norm", dim=0), S("d", "x.norm", p=1), S("s", "a.__add__", V("b")),
         S(None, "a.backward"))
# The 2-norm of short rows: vector lanes, then a leftover loop the compiler vectorised by 4.
for n in [2, 4, 5, 7, 9, 12, 13, 20, 31, 45]:
    case(f"row norms of {n}", leaf("x", 60, n, grad=False), S("a", "x.norm", dim=1))
for n in [3, 15, 16, 17, 40]:
    case(f"sigmoid of {n}", S("x", "torch.tensor", [v / 10 for v in data(n)], requires_grad=True),
         S("s", "x.sigmoid"), S("w", "torch.tensor", data(n)),
         S("p", "s.__mul__", V("w")), S("q", "p.sum"), S(None, "q.backward"))
# Elementwise ops and their gradients, on 37 values (vector blocks and a scalar tail).
POS = [abs(v) + 0.05 for v in data(37)]
for op, args in [("pow", [2]), ("pow", [3]), ("pow", [0.5]), ("pow", [-1]), ("pow", [-2]),
                 ("pow", [1.5]), ("pow", [2.5]), ("sqrt", []), ("exp", []), ("log", []),
                 ("reciprocal", []), ("__truediv__", [3.0]), ("__rtruediv__", [2.0]),
                 ("__rpow__", [2.0]), ("mul", [0.1]), ("relu", []), ("abs", []), ("neg", []),
                 ("clamp", [0.2, 1.5]), ("sigmoid", []), ("softmax", [0])]:
    case(f"{op}{args} and its gradient", S("x", "torch.tensor", POS, requires_grad=True),
         S("y", f"x.{op}", *args), S("w", "torch.tensor", data(37)), S("p", "y.__mul__", V("w")),
         S("q", "p.sum"), S(None, "q.backward"))
case("binary ops and their gradients", S("a", "torch.tensor", data(5, 7), requires_grad=True),
     S("b", "torch.tensor", POS[:7], requires_grad=True), S("c", "a.__truediv__", V("b")),
     S("d", "a.__mul__", V("b")), S("e", "a.__sub__", V("b")), S("f", "a.__pow__", 2),
     S("g", "b.__rpow__", 1.5), S("h", "c.__add__", V("d")), S("i", "h.__add__", V("e")),
     S("j", "i.__add__", V("f")), S("k", "j.mean"), S(None, "k.backward"))
case("tanh and its gradient", S("x", "torch.tensor", [v / 3 for v in data(500)], requires_grad=True),
     S("y", "x.tanh"), S("w", "torch.tensor", data(500)), S("p", "y.__mul__", V("w")), S("q", "p.sum"),
     S(None, "q.backward"))
# linspace: two vectors at a time from a fused base, then base + k·step; a scalar tail.
for a, b, n in [(-3.141592653589793, 3.141592653589793, 2000), (0.1, 0.9, 1000), (2.5, -1.3, 333), (-3.7, 11.2, 37)]:
    case(f"linspace({a}, {b}, {n})", S("x", "torch.linspace", a, b, n),
         S("y", "torch.linspace", a, b, n, dtype=f64))
case("log and log_softmax", S("x", "torch.tensor", [abs(v) + 1e-3 for v in data(500)]),
     S("l", "x.log"), S("m", "torch.tensor", data(40, 11)), S("s", "m.log_softmax", 1))


# ---- convolution and pooling (LeNet's shapes: oneDNN for 5x5 kernels, slow_conv2d for 3x3) ----
for name, xs, ws, kw in [("lenet conv1", (1, 1, 32, 32), (6, 1, 5, 5), {}),
                         ("lenet conv2", (1, 6, 14, 14), (16, 6, 5, 5), {}),
                         ("3x3 padded strided", (1, 2, 9, 9), (3, 2, 3, 3), {"padding": 1, "stride": 2}),
                         ("3x3 dilated grouped", (1, 4, 9, 9), (4, 2, 3, 3), {"dilation": 2, "groups": 2}),
                         ("batch of 2", (2, 3, 8, 8), (4, 3, 3, 3), {})]:
    for dtype in [None, f64]:
        out = S("y", "F.conv2d", V("x"), V("w"), V("b"), **kw)
        case(f"conv2d {name}{' float64' if dtype else ''}", leaf("x", *xs, dtype=dtype),
             leaf("w", *ws, dtype=dtype), leaf("b", ws[0], dtype=dtype), out,
             S("g", "torch.tensor", data(*xs[:1], ws[0], *([1] * 2)), **({"dtype": dtype} if dtype else {})),
             S("p", "y.__mul__", V("g")), S("s", "p.sum"), S(None, "s.backward"))
case("max_pool2d and avg_pool2d", leaf("x", 2, 3, 13, 13), S("a", "F.max_pool2d", V("x"), 2),
     S("b", "F.avg_pool2d", V("x"), 3, stride=2, padding=1), S("c", "F.adaptive_avg_pool2d", V("x"), [5, 4]),
     S("d", "F.adaptive_avg_pool2d", V("x"), 1), S("sa", "a.sum"), S("sb", "b.sum"), S("sc", "c.sum"),
     S("sd", "d.sum"), S("t", "sa.__add__", V("sb")), S("u", "t.__add__", V("sc")), S("v", "u.__add__", V("sd")),
     S(None, "v.backward"))


def values_only(d):
    """A result with only what bitwise.test.ts compares (the reprs would triple the file)."""
    if isinstance(d, dict):
        return {k: values_only(v) for k, v in d.items() if k in ("type", "dtype", "values", "items", "grad")}
    return d


def main():
    cases = []
    for c in CASES:
        r = run_case(c)
        r["results"] = [values_only(x) for x in r["results"]]
        r["final"] = {k: values_only(v) for k, v in r["final"].items()}
        cases.append(r)
    out = {"torch": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bitwise.json")
    with open(path, "w") as fh:
        json.dump(out, fh, allow_nan=False)
        fh.write("\n")
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
