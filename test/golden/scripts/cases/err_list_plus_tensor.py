import torch
history = [torch.tensor(1.0)]
history = history + torch.tensor(2.0)
