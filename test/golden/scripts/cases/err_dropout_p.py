# F.dropout's check of p, raised in functional.py.
import torch
import torch.nn.functional as F

x = torch.ones(3)
print(F.dropout(x, 0.5, training=False))
F.dropout(x, 1.5)
