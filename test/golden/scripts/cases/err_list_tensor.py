import torch
vals = [torch.tensor(1.0), torch.tensor(2.0)]
print(torch.tensor(vals))
