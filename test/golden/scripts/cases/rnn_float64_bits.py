import torch
from torch import nn
torch.manual_seed(3)
for cls in [nn.LSTM, nn.GRU, nn.RNN]:
    m = cls(10, 20, dtype=torch.float64)
    x = torch.randn(6, 2, 10, dtype=torch.float64)
    out, h = m(x)
    print(cls.__name__, out.view(-1).tolist())
