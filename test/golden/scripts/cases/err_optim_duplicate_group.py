import torch
w = torch.ones(2, requires_grad=True); torch.optim.SGD([{'params': [w]}, {'params': [w]}], lr=0.1)
