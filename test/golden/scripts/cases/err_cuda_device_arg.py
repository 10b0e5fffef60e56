import torch
x = torch.ones(2, device=torch.device("cuda"))
