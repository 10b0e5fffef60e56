# PyTorch's type promotion across every dtype pair, with 0-dim tensors and Python scalars.
import torch

dts = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.float32, torch.float64]
for a in dts:
    print(a, [str(torch.promote_types(a, b)).replace("torch.", "") for b in dts])
for a in dts:
    x = torch.ones(2, dtype=a)
    print(a, [str((x + torch.ones((), dtype=b)).dtype).replace("torch.", "") for b in dts])
for a in dts:
    x = torch.ones(2, dtype=a)
    print(a, (x * 2).dtype, (x * 2.5).dtype, (x * True).dtype, (x / 2).dtype, (x > 1).dtype)
u8 = torch.tensor([1, 2], dtype=torch.uint8)
i8 = torch.tensor([1, 2], dtype=torch.int8)
print(u8 + i8, u8 + torch.tensor(-5, dtype=torch.int8), u8 + torch.tensor(-1))
print(torch.tensor([1], dtype=torch.int32) + torch.tensor([1]), torch.tensor([1], dtype=torch.int32) + torch.tensor(1))
print(torch.tensor([1], dtype=torch.int32) + 1.5, torch.tensor([1], dtype=torch.int32) + torch.tensor(1.5, dtype=torch.float64))
print(torch.result_type(u8, i8), torch.result_type(u8, 1.0), torch.result_type(torch.tensor(1, dtype=torch.int32), 1))
print(torch.can_cast(torch.int32, torch.int8), torch.can_cast(torch.float16, torch.int32), torch.can_cast(torch.uint8, torch.bool))
