# Tensor.all and Tensor.any: whole-tensor and per-dim, NaN, empty, uint8, and the argument errors.
import torch
x = torch.tensor([[1.0, float('nan')], [0.0, 2.0]], requires_grad=True)
print(x.all(), x.any(), x.all(1), x.any(0, True), torch.all(x, -1, keepdim=True))
print(torch.tensor([]).all(), torch.tensor([]).any(), torch.zeros(0, 3).all(0), torch.zeros(2, 0).any(1))
print(torch.tensor([3, 0], dtype=torch.uint8).all(), torch.tensor([[3, 0]], dtype=torch.uint8).any(1))
print((x > 0).all().item(), bool((x == x).all()))
assert (torch.ones(3) == 1).all()
for f in [lambda: x.all(2), lambda: x.all(dim=(0,)), lambda: torch.any(x, keepdim=True), lambda: x.any(0, 1, 2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
