import torch
torch.optim.Adagrad([torch.ones(1, requires_grad=True)], lr_decay=-1)
