import torch

# arange fills floating tensors 16 float32 (8 float64) values at a time from a first value
# start + step*i rounded to the dtype, adding k*step; the rest is start + step*i (fused).
# tolist() shows every bit.
print(torch.arange(0, 1, 0.02).tolist())
print(torch.arange(0.5, 3.7, 0.13).tolist())
print(torch.arange(1, 2.5, 0.1, dtype=torch.float64).tolist())
print(torch.arange(0, 5, 0.3, dtype=torch.float64).tolist())
print(torch.arange(-2.0, 7.1, 0.37).tolist())
print(torch.arange(3, 40, 2.5).tolist())
print(torch.arange(-1, 1, 0.001).tolist()[1980:])
print(torch.arange(10).tolist(), torch.arange(1, 20, 3).tolist(), torch.arange(5.0))
X = torch.arange(0, 1, 0.02).unsqueeze(dim=1)
print((0.7 * X + 0.3)[:20].flatten().tolist())
