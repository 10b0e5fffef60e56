import torch
print(torch.arange(float("nan")))
