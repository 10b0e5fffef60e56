# Integer overflow wraps as in C: int32/int16/int8/uint8 arithmetic, scalars and casts.
import torch

m = torch.tensor([2147483647, -2147483648], dtype=torch.int32)
print(m + 1, m - 1, m * 2, m * m, -m, m.abs(), m * 3)
print(torch.tensor([3], dtype=torch.int32) ** 31, torch.tensor([3], dtype=torch.int8) ** 5)
print(torch.tensor([100], dtype=torch.int8) * 3, torch.tensor([200], dtype=torch.uint8) + 100)
print(torch.tensor([1], dtype=torch.uint8) - 2, -torch.tensor([200], dtype=torch.uint8))
print(torch.tensor([30000], dtype=torch.int16) * 2, torch.tensor([1, 2], dtype=torch.int32) + 2**40)
print(torch.tensor([1, 2], dtype=torch.int8) + 300, torch.tensor([44], dtype=torch.int8) == 300)
print(torch.tensor([46341], dtype=torch.int32) * torch.tensor([46341], dtype=torch.int32))
print(torch.tensor([123456789], dtype=torch.int32) * 987654321)
print(torch.tensor([100, 100], dtype=torch.int8).sum(), torch.tensor([100, 100], dtype=torch.int8).cumsum(0))
print(torch.tensor([100, 100], dtype=torch.int8).prod(), torch.tensor([200, 100], dtype=torch.uint8).sum(dtype=torch.uint8))
x = torch.tensor([300., -1., 1e10, float("nan"), float("inf"), -float("inf"), 2.9, -2.9, 65535.5, 128., -129., 3e9, -3e9, 2147483647., 2147483648.])
print(x.int(), x.short(), x.char(), x.byte(), sep="\n")
print(x.double().int(), x.double().byte(), sep="\n")
print(torch.full((40,), 300.).char()[:3], torch.full((40,), -1.).byte()[-3:], torch.full((20,), 1e10).int()[:2])
big = torch.tensor([2**33 + 5, -(2**40) - 3, 2**31, 255, 256, -129])
print(big.int(), big.short(), big.char(), big.byte(), sep="\n")
print(torch.tensor([-1, 300], dtype=torch.int16).byte(), torch.tensor([200], dtype=torch.uint8).char())
print(torch.tensor([-129], dtype=torch.uint8), torch.tensor([-128, 255], dtype=torch.uint8), torch.tensor([True, 2], dtype=torch.int8))
print(torch.full((2,), -1, dtype=torch.uint8), torch.full((2,), 2.5, dtype=torch.int32), torch.full((1,), -255, dtype=torch.uint8))
print(torch.tensor([1.7, -1.7], dtype=torch.int32), torch.tensor([-2**31], dtype=torch.int32))
a = torch.tensor([2147483647], dtype=torch.int32)
a += 1
print(a)
a *= -1
print(a)
