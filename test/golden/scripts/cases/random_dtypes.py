# random_ and bernoulli_ on the narrower integer dtypes: each draws as its own
# uniform_int_distribution, and bounds outside the dtype are refused in C's type names.
import torch

torch.manual_seed(3)
for dt in [torch.int32, torch.int16, torch.int8, torch.uint8]:
    print(torch.zeros(4, dtype=dt).random_(), torch.zeros(3, dtype=dt).random_(2, 9), torch.zeros(3, dtype=dt).random_(5))
print(torch.randint(0, 10, (5,), dtype=torch.int32), torch.zeros(3, dtype=torch.uint8).bernoulli_(0.5))
for dt, lo, hi in [(torch.uint8, -1, 5), (torch.int8, 0, 300), (torch.int16, 0, 2 ** 40), (torch.int32, 0, 2 ** 40)]:
    try:
        torch.zeros(3, dtype=dt).random_(lo, hi)
    except RuntimeError as e:
        print(e)
