import torch
x = torch.zeros(2, 3)
x[0] = [1.0, 2.0, 3.0]
