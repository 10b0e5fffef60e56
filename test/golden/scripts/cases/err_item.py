import torch
t = torch.tensor([1.0, 2.0])
if t > 1:
    print("never")
