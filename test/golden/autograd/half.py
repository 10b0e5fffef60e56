"""PyTorch's float→float16 rounding, for test/autograd/half.test.ts (which demands every result
bit for bit from autograd's roundHalf): every positive finite half's neighbourhood in float32
(the value itself, the midpoint to the next half, and the float32 values one ulp either side of
that midpoint), the same for a stride of negative halves, random float32 values over the whole
range, and doubles just off the midpoints (float64 reaches float16 through float32, so a double
is rounded twice). The grid's results are one bit each (rounded to half i or to half i + 1);
the other inputs go in as float32 or float64 bit patterns, with the half bits PyTorch gave.

Run: /usr/bin/python3 test/golden/autograd/half.py
"""
import base64
import json
import os
import struct

import torch

torch.manual_seed(0)
halves = torch.arange(0, 0x7C00, dtype=torch.int32).to(torch.int16).view(torch.float16)
h32 = halves.float()
nxt = torch.arange(1, 0x7C01, dtype=torch.int32).to(torch.int16).view(torch.float16).float()
nxt[-1] = 65520.0  # the midpoint past the largest half (65504) rounds to inf
mid = (h32.double() + nxt.double()) / 2
mid32 = mid.float()
assert torch.equal(mid32.double(), mid), "midpoints are float32 values"
up = torch.nextafter(mid32, torch.tensor(float("inf")))
down = torch.nextafter(mid32, torch.tensor(float("-inf")))
neg = -torch.cat([h32[::31], mid32[::31], up[::31], down[::31]])
rand = (torch.rand(5000) * 2 - 1) * torch.exp2(torch.randint(-30, 18, (5000,)).float())
special = torch.tensor([0.0, -0.0, float("inf"), float("-inf"), 65504.0, 65519.0, 65519.996, 65520.0, 1e-8, 2.0 ** -25, 2.0 ** -24 * 1.5, 3.4e38, -3.4e38, 1e-45])
f32 = torch.cat([neg, rand, special])
# Doubles a hair above and below each midpoint (below float32's resolution).
md = mid[::17]
f64 = torch.cat([md * (1 + 2.0 ** -40), md * (1 - 2.0 ** -40), torch.tensor([0.1, 1 / 3, 2 / 3, 1e5, -1e5, 1e-7])])


def b64(t, fmt):
    return base64.b64encode(struct.pack("<%d%s" % (t.numel(), fmt), *t.tolist())).decode()


def grid_bits(values):
    """Half i's neighbourhood rounds to half i or i + 1: one bit each (1 = rounded up)."""
    bits = values.half().view(torch.int16).to(torch.int32) - torch.arange(0, 0x7C00, dtype=torch.int32)
    assert ((bits == 0) | (bits == 1)).all()
    packed = bytearray((bits.numel() + 7) // 8)
    for i, b in enumerate(bits.tolist()):
        if b:
            packed[i // 8] |= 1 << (i % 8)
    return base64.b64encode(bytes(packed)).decode()


out = {
    "torch": torch.__version__,
    "grid": {name: grid_bits(v) for name, v in [("half", h32), ("mid", mid32), ("up", up), ("down", down)]},
    "float32": b64(f32.view(torch.int32), "i"),
    "float32Half": b64(f32.half().view(torch.int16), "h"),
    "float64": b64(f64.view(torch.int64), "q"),
    "float64Half": b64(f64.half().view(torch.int16), "h"),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "half.json")
with open(path, "w") as f:
    json.dump(out, f)
    f.write("\n")
print(f"4 x {0x7C00} grid values, {f32.numel()} float32 and {f64.numel()} float64 values")
