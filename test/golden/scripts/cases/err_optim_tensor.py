import torch
torch.optim.SGD(torch.ones(2, requires_grad=True), lr=0.1)
