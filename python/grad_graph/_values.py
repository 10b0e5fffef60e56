"""Copies of tensors and arguments in the trace's JSON encoding (src/trace/numbers.ts on the
TypeScript side): NaN, infinities and -0 as strings, int64 past 2**53 as decimal strings, tensors
past the value limit as PyTorch's own printed summary."""
import math

import torch

#: The dtypes a trace holds, by PyTorch's names without ``torch.``.
_DTYPES = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int64: "int64",
    torch.bool: "bool",
}
#: Dtypes the trace has no name for, widened exactly to one it has (every value is kept).
_WIDENED = {
    torch.float16: torch.float32,
    torch.bfloat16: torch.float32,
    torch.int8: torch.int64,
    torch.int16: torch.int64,
    torch.int32: torch.int64,
    torch.uint8: torch.int64,
}
_MAX_SAFE = 2**53 - 1


def dtype_name(dtype):
    """The trace's name for ``dtype``: its own, or the one it is widened to; complex is refused."""
    name = _DTYPES.get(_WIDENED.get(dtype, dtype))
    if name is None:
        raise TypeError(f"grad_graph: the trace format has no dtype for {dtype}")
    return name


def _float(x):
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if x == 0 and math.copysign(1.0, x) < 0:
        return "-0"
    return x


def _int(x):
    return x if -_MAX_SAFE <= x <= _MAX_SAFE else str(x)


def tensor_data(t, limit):
    """A TensorData of ``t`` now (copied to the CPU): every element up to ``limit`` elements,
    else ``values: None`` and PyTorch's printed summary in ``text``."""
    d = t.detach()
    name = dtype_name(d.dtype)
    shape = list(d.shape)
    if d.numel() > limit:
        return {"shape": shape, "dtype": name, "values": None, "text": repr(d)}
    flat = d.reshape(-1).cpu()
    wide = _WIDENED.get(flat.dtype)
    if wide is not None:
        flat = flat.to(wide)
    values = flat.tolist()
    if name == "bool":
        values = [1 if v else 0 for v in values]
    elif name == "int64":
        values = [_int(v) for v in values]
    else:
        values = [_float(v) for v in values]
    return {"shape": shape, "dtype": name, "values": values}


def is_tensor(x):
    """Whether ``x`` is a tensor (a Parameter or another subclass included)."""
    return isinstance(x, torch.Tensor)


def _index_text(i):
    if isinstance(i, slice):
        parts = ["" if p is None else _index_text(p) for p in (i.start, i.stop, i.step)]
        return ":".join(parts[:2]) + (f":{parts[2]}" if i.step is not None else "")
    if i is Ellipsis:
        return "..."
    if isinstance(i, tuple):
        return ", ".join(_index_text(p) for p in i)
    if is_tensor(i):
        return "tensor"
    return repr(i)


def index_text(index):
    """An index as it is written between brackets (``0, 1:``), for ``__getitem__`` / ``__setitem__``."""
    return _index_text(index)


def encode_arg(v, depth=0):
    """A non-tensor argument as stored (EncodedArg); tensors are inputs, so they read as None."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return _int(v)
    if isinstance(v, float):
        s = _float(v)
        return {"special": s} if isinstance(s, str) else s
    if isinstance(v, torch.dtype):
        return str(v).replace("torch.", "")
    if isinstance(v, (torch.device, torch.layout, torch.memory_format)):
        return str(v)
    if is_tensor(v):
        return None
    if isinstance(v, (list, tuple)) and depth < 7:
        return [encode_arg(x, depth + 1) for x in v]
    text = repr(v)
    return text if len(text) <= 200 else text[:199] + "…"
