import torch
counts = torch.tensor([1, 2, 3])
print(counts.float().mean())
counts.requires_grad_()
