import torch
torch.optim.lr_scheduler.StepLR([1], 2)
