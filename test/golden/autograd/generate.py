"""Runs every case of cases.py in real PyTorch 1.13 and writes golden.json: the encoded steps and,
for each step, what PyTorch returned (values, dtype, shape, grad_fn, next_functions, repr) or raised
(exception type and str), then every tensor variable's final .grad.

Run: /usr/bin/python3 test/golden/autograd/generate.py   (npm run golden)
"""
import json
import os
import sys
import warnings

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dsl import DTYPES, V, enc, encode_step  # noqa: E402
from cases import CASES  # noqa: E402

warnings.filterwarnings("ignore")
MAX_VALUES = 4096


def node_name(n):
    return None if n is None else n.name()


def describe_node(n):
    return {
        "type": "node",
        "name": n.name(),
        "next": [[node_name(m), i] for m, i in n.next_functions],
        "repr": repr(n),
    }


def describe(v):
    if isinstance(v, torch.Tensor):
        flat = v.detach().reshape(-1)
        d = {
            "type": "tensor",
            "dtype": DTYPES[v.dtype],
            "shape": list(v.shape),
            "requires_grad": v.requires_grad,
            "is_leaf": v.is_leaf,
            "grad_fn": None if v.grad_fn is None else v.grad_fn.name(),
            "next": None if v.grad_fn is None else [[node_name(m), i] for m, i in v.grad_fn.next_functions],
            "version": v._version,
            "repr": repr(v),
        }
        if flat.numel() <= MAX_VALUES:
            d["values"] = [enc(x) for x in flat.tolist()]
        return d
    if v is None:
        return {"type": "none"}
    if isinstance(v, torch.set_grad_enabled):
        return {"type": "ignored"}
    if isinstance(v, torch.Size):
        return {"type": "size", "value": list(v), "repr": repr(v)}
    if isinstance(v, torch.dtype):
        return {"type": "dtype", "repr": repr(v)}
    if hasattr(v, "next_functions") and hasattr(v, "name"):
        return describe_node(v)
    if isinstance(v, (tuple, list)) and any(isinstance(x, torch.Tensor) or x is None for x in v) and not isinstance(v, torch.Size):
        return {"type": "tuple", "items": [describe(x) for x in v]}
    if isinstance(v, (bool, int, float, list)):
        return {"type": "scalar", "value": enc(v), "repr": repr(v)}
    if isinstance(v, str):
        return {"type": "str", "value": v}
    raise TypeError(f"cannot describe {type(v)}")


def dec(v, env):
    if isinstance(v, V):
        return env[v.name]
    if isinstance(v, list):
        return [dec(x, env) for x in v]
    if isinstance(v, tuple):
        return tuple(dec(x, env) for x in v)
    return v


def backward_order(root, **kwargs):
    """Runs root.backward() with a post-hook on every Node, returning node names in run order."""
    order = []
    seen = set()
    stack = [root.grad_fn]
    while stack:
        n = stack.pop()
        if n is None or n in seen:
            continue
        seen.add(n)
        n.register_hook(lambda gi, go, n=n: order.append(n.name()))
        stack.extend(m for m, _ in n.next_functions)
    root.backward(**kwargs)
    return order


def resolve(fn, env):
    if fn == "torch.autograd.grad":
        return torch.autograd.grad
    if fn == "repr":
        return repr
    if fn == "__backward_order__":
        return backward_order
    head, _, tail = fn.partition(".")
    obj = torch if head == "torch" else F if head == "F" else env[head]
    for part in tail.split("."):
        obj = getattr(obj, part)
    return obj


def run_case(c):
    env = {}
    results = []
    for step in c["steps"]:
        try:
            if step["kind"] == "get":
                head, _, attr = step["fn"].partition(".")
                value = getattr(env[head], attr)
            elif step["kind"] == "set":
                head, _, attr = step["fn"].partition(".")
                setattr(env[head], attr, dec(step["args"][0], env))
                value = None
            else:
                f = resolve(step["fn"], env)
                args = [dec(a, env) for a in step["args"]]
                kwargs = {k: dec(v, env) for k, v in step["kwargs"].items()}
                value = f(*args, **kwargs)
            if step["out"] is not None:
                env[step["out"]] = value
            results.append(describe(value))
        except Exception as e:  # noqa: BLE001 — recording what PyTorch raises is the point
            results.append({"type": "error", "error": type(e).__name__, "message": str(e)})
    final = {}
    for name, v in env.items():
        if isinstance(v, torch.Tensor):
            final[name] = {"grad": None if v.grad is None else describe(v.grad), "version": v._version}
    torch.set_grad_enabled(True)
    return {"name": c["name"], "steps": [encode_step(s) for s in c["steps"]], "results": results, "final": final}


def sweeps():
    """float32 unary ops over a dense grid, to check results bit for bit (or to the ulp)."""
    x = torch.linspace(-20, 20, 8001)
    pos = x.abs() + 1e-3
    out = {"x": x.tolist(), "pos": pos.tolist()}
    for op in ["exp", "sigmoid", "tanh", "sin", "cos"]:
        out[op] = getattr(x, op)().tolist()
    for op in ["log", "sqrt"]:
        out[op] = getattr(pos, op)().tolist()
    # pow: SLEEF's powf on whole vectors (16 at a time), C's powf on the tail.
    out["pow_x_4"] = (x**4).tolist()
    out["pow_x_5"] = (x**5).tolist()
    out["pow_x_m3"] = (x**-3).tolist()
    out["pow_pos_2_5"] = (pos**2.5).tolist()
    out["pow_pos_m1_5"] = (pos**-1.5).tolist()
    out["pow_pos_x"] = pos.pow(x / 8).tolist()
    out["pow_2_x"] = torch.pow(2, x / 4).tolist()
    # More SLEEF ports (kernels/sleef-more.ts), on arguments inside each function's domain.
    unit = x / 20
    out["tan"] = x.tan().tolist()
    out["atan"] = x.atan().tolist()
    out["asin"] = unit.asin().tolist()
    out["acos"] = unit.acos().tolist()
    out["sinh"] = x.sinh().tolist()
    out["cosh"] = x.cosh().tolist()
    out["log2"] = pos.log2().tolist()
    out["log10"] = pos.log10().tolist()
    out["log1p"] = (pos - 0.999).log1p().tolist()
    out["expm1"] = x.expm1().tolist()
    out["exp2"] = x.exp2().tolist()
    out["erf"] = (x / 4).erf().tolist()
    out["erfc"] = (x / 4).erfc().tolist()
    out["atan2"] = torch.atan2(x, x.flip(0) + 0.5).tolist()
    return out


def main():
    out = {"torch": torch.__version__, "cases": [run_case(c) for c in CASES], "sweeps": sweeps()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
