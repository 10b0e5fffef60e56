"""PyTorch goldens for the trace tests: runs each case under real PyTorch, records every backward
pass through hooks on the grad_fn nodes (the engine calls them in the order it runs them), and
writes cases.json. Run with /usr/bin/python3 (the one with torch)."""
import contextlib
import io
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    # The seed tutorial's first cells.
    "seed": """import torch
x = torch.ones(2,2,requires_grad=True)
y = x+2
z = y * y * 3
out = z.mean()
print(z,'\\n',out)
out.backward()
print(x.grad)
""",
    # retain_grad() keeps a non-leaf's grad.
    "retain": """import torch
a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a * 2
b.retain_grad()
c = (b * b).sum()
c.backward()
print(b.grad)
print(a.grad)
""",
    # A training loop: one backward pass per iteration.
    "loop": """import torch
w = torch.tensor([0.5], requires_grad=True)
xs = torch.tensor([1., 2., 3.])
ys = torch.tensor([2., 4., 6.])
for i in range(3):
    loss = ((w * xs - ys) ** 2).mean()
    loss.backward()
    print(loss.item())
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
print(w)
""",
    # A neuron: matmul, bias, tanh.
    "neuron": """import torch
x = torch.tensor([[1., 2.]])
W = torch.tensor([[0.5], [-0.25]], requires_grad=True)
b = torch.zeros(1, requires_grad=True)
h = torch.tanh(x @ W + b)
s = h.sum()
s.backward()
print(W.grad)
print(b.grad)
""",
    # no_grad and detach make tensors outside the graph.
    "nograd": """import torch
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    q = x * 2
d = x.detach()
r = (x * q + d).sum()
r.backward()
print(q.requires_grad, d.requires_grad, x.grad)
""",
    # The seed tutorial's code cells in order (000_dea62ef09d44bf0b): it stops at c.backward(grad),
    # whose 4x4 gradient does not match the scalar c.
    "tutorial": """import torch
x = torch.ones(2,2,requires_grad=True)
print(x)
y = x+2
y.requires_grad
y.grad_fn
z = y * y * 3
out = z.mean()    #取一个 Tensor 中所有元素的平均值
print(z,'\\n',out)
out.backward()
print(x.grad)
h = torch.tensor([
    [1,2],
    [3,4]],
    dtype=torch.float,
)
h.norm()
grad = 4*torch.ones(4,4,dtype=torch.float)
b = torch.ones(4,4, requires_grad=True)
c = (b*b).mean()
print(b,c)
c.backward(grad)
print(b.grad)
""",
    # An in-place op on a tensor in the graph gives it a new grad_fn.
    "inplace": """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.add_(1)
z = (y * y).sum()
z.backward()
print(x.grad)
""",
    # backward(gradient): a vector-Jacobian product with an explicit seed.
    "vjp": """import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * x
y.backward(torch.tensor([0.1, 1.0, 0.01]))
print(x.grad)
""",
    # Ops whose Python constants fold into the labels, and their backward formulas.
    "ops": """import torch
a = torch.tensor([1., 2.], requires_grad=True)
b = a - 2
c = 2 - a
d = a / 4
e = a ** 2
f = 2 ** a
g = torch.exp(a)
h = a.sigmoid()
k = (b + c + d + e + f + g + h).sum()
k.backward()
print(a.grad)
""",
    # A tensor too big to narrate element by element.
    "big": """import torch
w = torch.arange(0., 1600.).view(40, 40).clone().requires_grad_()
s = (w * w).sum()
s.backward()
print(w.grad[0, :3])
""",
    # Two backward passes accumulate into .grad.
    "twice": """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
print(x.grad)
""",
    # A second backward adds into .grad; zero_() empties it; the narration says what .grad held.
    "accumulate": """import torch
w = torch.tensor(2.0, requires_grad=True)
loss1 = w * 3
loss1.backward()
loss2 = w * w
loss2.backward()
print(w.grad)
w.grad.zero_()
loss3 = w * w
loss3.backward()
print(w.grad)
""",
    # A scalar root given its own gradient: the root's node receives that gradient, not 1.
    "custom_seed": """import torch
a = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
c = a * b
c.backward(torch.tensor(4.0))
print(a.grad, b.grad)
""",
    # Nodes that only move elements, and elementwise math: each says how its gradient goes back.
    "moves": """import torch
x = torch.tensor([[0.5, 1.0, 2.0], [4.0, 0.25, 9.0]], requires_grad=True)
v = x.view(3, 2)
t = v.t()
s = t.sqrt()
r = s.sin().abs()
e = x[1].expand(2, 3)
c = e.clone()
k = (r.sum() + c.sum() + x.reciprocal().sum() + torch.cos(x).sum())
k.backward()
print(x.grad)
""",
    # A name reassigned in a loop: each tensor called out is a different one.
    "reassign": """import torch
x = torch.tensor(1.5, requires_grad=True)
out = x
for i in range(3):
    out = out * 2
out.backward()
print(x.grad)
""",
    # Ops with several outputs: one grad_fn node for all the pieces (split, chunk, unbind), and
    # the named tuples whose indices need no gradient (max with a dim, sort, topk).
    "multi": """import torch
x = torch.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True)
v, i = torch.max(x, 1)
s, j = x.sort(dim=1)
t = x.topk(2, dim=1)
r0, r1 = x.unbind()
p, q = x.chunk(2, dim=1)
a, b, c = x.split([1, 1, 1], dim=1)
loss = (v * 2).sum() + (s * s).sum() + t.values.sum() + (r0 * r1).sum() + p.sum() + q.mean() + (a * c).sum()
loss.backward()
print(x.grad)
""",
    # Grad_fns whose chain rule the narration says in words: elementwise math, extrema, softmax,
    # losses, reductions, joins and masks.
    "rules": """import torch
import torch.nn.functional as F
x = torch.tensor([0.2, -0.4, 0.6], requires_grad=True)
y = torch.tensor([0.5, 0.1, -0.3], requires_grad=True)
a = torch.tan(x) + torch.asin(x) + torch.atan(y) + torch.sinh(x) + torch.erf(y)
b = torch.atan2(x, y) + torch.clamp(x, -0.3, 0.3) + torch.maximum(x, y) + torch.log1p(x.abs())
c = F.softmax(x, dim=0) * F.log_softmax(y, dim=0)
d = torch.cat([x, y]).cumsum(0).prod() + torch.stack([x, y]).var() + x.std() + x.logsumexp(0)
e = F.mse_loss(x, y) + F.binary_cross_entropy(torch.sigmoid(x), torch.tensor([1., 0., 1.]))
f = x.masked_fill(x > 0.5, 0.) * torch.where(y > 0, x, y) + x.max() + y.amin()
loss = a.sum() + b.sum() + c.sum() + d + e + f.sum()
loss.backward()
print(x.grad, y.grad)
""",
    # A module's parameters are written in place by their init (zeros, then uniform_): the
    # picture must show the values the forward pass used.
    "linear": """import torch
torch.manual_seed(0)
lin = torch.nn.Linear(2, 1)
W = lin.weight
x = torch.tensor([[1., 2.]])
loss = lin(x).sum()
loss.backward()
print(W.grad)
""",
    # Layers: convolution, pooling, batch norm, cross entropy and nll_loss.
    "layers": """import torch
import torch.nn.functional as F
img = torch.arange(16.).reshape(1, 1, 4, 4) / 10
w = torch.tensor([[[[0.5, -0.25], [0.125, 1.0]]]], requires_grad=True)
b = torch.tensor([0.1], requires_grad=True)
h = F.conv2d(img, w, b)
p = F.max_pool2d(h, 2, stride=1) + F.avg_pool2d(h, 2, stride=1)
q = F.adaptive_avg_pool2d(p, 1).flatten()
bn = torch.nn.BatchNorm1d(3)
z = bn(h.reshape(3, 3))
logits = z[:2]
loss = F.cross_entropy(logits, torch.tensor([0, 2])) + q.sum() + F.nll_loss(F.log_softmax(logits, 1), torch.tensor([1, 1]))
loss.backward()
print(w.grad, b.grad)
""",
}

def flat(t):
    if t is None:
        return None
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def record_backward(passes):
    original = torch.Tensor.backward

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        steps = []
        handles = []
        seen = set()
        stack = [self.grad_fn]
        while stack:
            node = stack.pop()
            if node is None or node in seen:
                continue
            seen.add(node)

            def hook(grad_inputs, grad_outputs, node=node):
                steps.append({
                    "name": type(node).__name__,
                    "grads_in": [flat(g) for g in grad_outputs],
                    "grads_out": [flat(g) for g in grad_inputs],
                })

            handles.append(node.register_hook(hook))
            for nxt, _ in node.next_functions:
                stack.append(nxt)
        seed = gradient if gradient is not None else torch.ones_like(self)
        # Each leaf's .grad before and after the pass (AccumulateGrad's variable), to check sums.
        leaves = [n.variable for n in seen if n is not None and type(n).__name__ == "AccumulateGrad"]
        before = [flat(v.grad) for v in leaves]
        raised = None
        try:
            original(self, gradient, retain_graph, create_graph, inputs)
        except Exception as e:
            raised = str(e)
            raise
        finally:
            for h in handles:
                h.remove()
            # A call refused before the engine ran (a gradient of the wrong shape) ran no step.
            if not (raised is not None and not steps):
                grads = [{"leaf": v, "before": b, "after": flat(v.grad)} for v, b in zip(leaves, before)]
                passes.append({"seed": flat(seed), "seed_repr": repr(seed), "order": [s["name"] for s in steps], "steps": steps, "error": raised, "grads": grads})

    return original, backward


def run(source):
    passes = []
    original, patched = record_backward(passes)
    torch.Tensor.backward = patched
    out = io.StringIO()
    scope = {}
    error = None
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, "<string>", "exec"), scope)
    except Exception as e:  # the case's own error is part of the golden
        error = {"type": type(e).__name__, "message": str(e)}
    finally:
        torch.Tensor.backward = original
    names = {id(v): name for name, v in scope.items() if isinstance(v, torch.Tensor)}
    for p in passes:
        p["grads"] = [{"leaf": names.get(id(g["leaf"])), "before": g["before"], "after": g["after"]} for g in p["grads"]]
    tensors = {}
    for name, v in scope.items():
        if isinstance(v, torch.Tensor):
            tensors[name] = {
                "shape": list(v.shape),
                "values": flat(v),
                "requires_grad": v.requires_grad,
                "is_leaf": v.is_leaf,
                "grad_fn": None if v.grad_fn is None else type(v.grad_fn).__name__,
                "grad": flat(v.grad) if (v.is_leaf or v.retains_grad) else None,
                "repr": repr(v),
            }
    return {"source": source, "output": out.getvalue(), "error": error, "passes": passes, "tensors": tensors}


def main():
    result = {"torch": torch.__version__, "cases": {name: run(src) for name, src in CASES.items()}}
    with open(os.path.join(HERE, "cases.json"), "w", encoding="utf8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
