import torch
print(torch.Size([[1.0], [2.0, 3.0]]))
