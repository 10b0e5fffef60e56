import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(3, 4)
print(lstm)
for name, p in lstm.named_parameters():
    print(name, tuple(p.shape))
print(lstm.weight_hh_l0)
print(lstm._flat_weights_names)
print(lstm.all_weights[0][1] is lstm.weight_hh_l0)
x = torch.randn(5, 2, 3)
out, (h, c) = lstm(x)
print(out)
print(h)
print(c)
print(type(out.grad_fn).__name__, type(h.grad_fn).__name__, type(c.grad_fn).__name__)
print(out.flatten().tolist())
(out.sum() + c.sum()).backward()
for name, p in lstm.named_parameters():
    print(name, p.grad.flatten().tolist())

print(nn.LSTM(10, 20, num_layers=2, bias=False, batch_first=True, dropout=0.25, bidirectional=True))
print(nn.LSTM(10, 20, proj_size=5))
print(nn.GRU(4, 8, 3))
print(nn.RNN(4, 8, nonlinearity='relu'))
print(nn.RNNCell(4, 8, nonlinearity='relu'), nn.LSTMCell(4, 8), nn.GRUCell(4, 8, bias=False))
for cls in [nn.RNN, nn.GRU]:
    torch.manual_seed(1)
    m = cls(3, 5)
    x = torch.randn(4, 3, 3)
    h0 = torch.randn(1, 3, 5, requires_grad=True)
    out, hn = m(x, h0)
    print(cls.__name__, out.flatten().tolist())
    print(hn.flatten().tolist(), type(hn.grad_fn).__name__)
    out.pow(2).sum().backward()
    print(h0.grad.flatten().tolist())
    print([p.grad.flatten().tolist() for p in m.parameters()])
