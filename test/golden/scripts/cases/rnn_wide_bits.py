import torch
from torch import nn

# 20 hidden units: each gate's run is 20 floats (one vector block of 16 and a scalar tail of 4)
torch.manual_seed(3)
for cls in [nn.LSTM, nn.GRU, nn.RNN]:
    m = cls(10, 20, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(3, 7, 10)
    out, hidden = m(x)
    print(cls.__name__, tuple(out.shape), type(out.grad_fn).__name__)
    print(out.sum().item(), out.abs().sum().item())
    print(out[1, 3].tolist())
    out.sum().backward()
    for name, p in m.named_parameters():
        print(name, p.grad.sum().item(), p.grad.abs().sum().item())
