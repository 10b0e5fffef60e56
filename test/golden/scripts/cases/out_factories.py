# out= for factories (values made in out's dtype, out resized without a warning, returned) and
# for torch.where; the errors for a different dtype= and an out that requires grad.
import torch

t = torch.empty(3)
r = torch.zeros(2, out=t)
print(r, t, r is t)
l = torch.empty(2, dtype=torch.long)
print(torch.ones(3, out=l), l)
print(torch.arange(3, out=torch.empty(0)), torch.arange(1, 4, out=l), torch.arange(0, 1, 0.25, out=torch.empty(4)))
print(torch.linspace(0, 1, 3, out=torch.empty(3)), torch.full((2,), 7, out=torch.empty(2)), torch.eye(2, out=torch.empty(4)))
print(torch.zeros(2, 2, out=torch.empty(4, dtype=torch.float64)), torch.empty(2, out=torch.ones(2)).shape)
v = torch.zeros(4)
torch.ones(2, out=v[:2])
print(v)
w = torch.empty(2)
print(torch.where(torch.tensor([True, False]), torch.ones(2), torch.zeros(2), out=w), w)
torch.manual_seed(0)
print(torch.randn(2, out=torch.empty(2)), torch.rand(3, out=torch.empty(3)))
print(torch.randint(0, 10, (3,), out=torch.empty(3, dtype=torch.long)), torch.randperm(4, out=torch.empty(4, dtype=torch.long)))
print(torch.randn(2))
for f in [lambda: torch.zeros(2, out=torch.empty(2), dtype=torch.long),
          lambda: torch.arange(3, out=torch.empty(3, requires_grad=True)),
          lambda: torch.zeros(2, out=[1]),
          ]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
