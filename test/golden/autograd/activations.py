"""The activations' float32 values and gradients from PyTorch 1.13's CPU kernels, for
test/autograd/activations.test.ts (which demands them bit for bit): each function over a dense
grid of 4001 points in [-20, 20], once as one tensor (blocks of 16 through the vectorised kernel,
the last n % 16 through the scalar one) and once in pieces of 15 (every element through the
scalar kernel), with the backward of a grid of gradients the same two ways. Values are stored as
little-endian float32 bytes in base64.

Run: /usr/bin/python3 test/golden/autograd/activations.py
"""
import base64
import json
import os
import struct

import torch
import torch.nn.functional as F

X = torch.linspace(-20, 20, 4001)
G = torch.linspace(-1, 2, 4001)
PIECE = 15

FUNCTIONS = {
    "leaky_relu": lambda t: F.leaky_relu(t, 0.03),
    "elu": F.elu,
    "elu_alpha": lambda t: F.elu(t, alpha=0.7),
    "gelu": F.gelu,
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
    "softplus": F.softplus,
    "softplus_beta": lambda t: F.softplus(t, beta=2, threshold=5),
    "silu": F.silu,
    "mish": F.mish,
    "logsigmoid": F.logsigmoid,
    "softsign": F.softsign,
}


def b64(t):
    return base64.b64encode(struct.pack("<%df" % t.numel(), *t.tolist())).decode()


def run(fn, x, g):
    x = x.clone().requires_grad_()
    y = fn(x)
    y.backward(g)
    return y.detach(), x.grad


def main():
    out = {"x": b64(X), "g": b64(G), "piece": PIECE}
    for name, fn in FUNCTIONS.items():
        y, gx = run(fn, X, G)
        parts = [run(fn, X[i:i + PIECE], G[i:i + PIECE]) for i in range(0, X.numel(), PIECE)]
        out[name] = {
            "y": b64(y),
            "grad": b64(gx),
            "yPieces": b64(torch.cat([p[0] for p in parts])),
            "gradPieces": b64(torch.cat([p[1] for p in parts])),
        }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "activations.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(FUNCTIONS)} functions to {path}")


if __name__ == "__main__":
    main()
