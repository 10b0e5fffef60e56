import torch
print(torch.tensor([True]).round())
