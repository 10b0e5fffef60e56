import torch
print(torch.full((), float("nan"), dtype=torch.long))
