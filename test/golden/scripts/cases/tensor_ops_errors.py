import torch

x = torch.ones(2, 3)
v = torch.arange(7.)
attempts = [
    lambda: v.split(0),
    lambda: v.split(-1),
    lambda: v.split([1, 3]),
    lambda: v.split([1, -1, 7]),
    lambda: v.split(2.0),
    lambda: v.chunk(0),
    lambda: torch.tensor(1.).split(1),
    lambda: torch.tensor(1.).chunk(1),
    lambda: torch.tensor(1.).unbind(0),
    lambda: v.split(2, dim=3),
    lambda: v.cumsum(1),
    lambda: x.repeat(2),
    lambda: x.repeat(-1, 2),
    lambda: x.flip(2),
    lambda: x.flip(0, 0),
    lambda: x.roll((1, 2), (0,)),
    lambda: x.roll(1, 3),
    lambda: torch.tensor(1.).tril(),
    lambda: torch.ones(3).triu(),
]
for attempt in attempts:
    try:
        print(attempt())
    except Exception as e:
        print(type(e).__name__ + ':', e)
print(torch.zeros(0).split(0))
print(torch.tensor(2.).cumsum(0))
print(torch.tensor(1.).flip(0))
