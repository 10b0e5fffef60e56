"""The case language shared by generate.py (real PyTorch) and test/autograd/golden.test.ts (ours).

A case is a list of steps run in order on one variable table:
  S(out, fn, *args, **kwargs)  call: fn is 'torch.x', 'F.x', 'torch.autograd.grad', or 'var.method'
  A(out, 'var.attr')           read an attribute (grad, grad_fn, shape, requires_grad, is_leaf, T, ...)
  SET('var.attr', value)       assign an attribute (requires_grad, grad)
V('x') refers to a variable. Python ints, floats, bools, None, lists, tuples, slices, Ellipsis and
torch dtypes are encoded to JSON with their Python type kept (an int is {"int": "2"}).
"""
import math

import torch


class V:
    def __init__(self, name):
        self.name = name


def S(out, fn, *args, **kwargs):
    return {"kind": "call", "out": out, "fn": fn, "args": list(args), "kwargs": kwargs}


def A(out, path):
    return {"kind": "get", "out": out, "fn": path, "args": [], "kwargs": {}}


def SET(path, value):
    return {"kind": "set", "out": None, "fn": path, "args": [value], "kwargs": {}}


DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}


def enc(v):
    """Encodes a Python value of a case (or a result scalar) as JSON, keeping its Python type."""
    if isinstance(v, V):
        return {"var": v.name}
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v) or (v == 0 and math.copysign(1, v) < 0):
            return {"float": repr(v)}
        return v
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, slice):
        return {"slice": [enc(v.start), enc(v.stop), enc(v.step)]}
    if v is Ellipsis:
        return {"ellipsis": True}
    if isinstance(v, torch.dtype):
        return {"dtype": DTYPES[v]}
    raise TypeError(f"cannot encode {v!r}")


def encode_step(step):
    return {
        "kind": step["kind"],
        "out": step["out"],
        "fn": step["fn"],
        "args": [enc(a) for a in step["args"]],
        "kwargs": {k: enc(v) for k, v in step["kwargs"].items()},
    }
