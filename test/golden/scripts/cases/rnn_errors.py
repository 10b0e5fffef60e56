import torch
from torch import nn

torch.manual_seed(0)
lstm = nn.LSTM(3, 4, num_layers=2)
gru = nn.GRU(3, 4)
for bad in [lambda: lstm(torch.randn(5, 3)), lambda: lstm(torch.randn(5, 2, 4)),
            lambda: lstm(torch.randn(5, 2, 3), (torch.randn(2, 2, 4), torch.randn(1, 2, 4))),
            lambda: lstm(torch.randn(5, 2, 3), (torch.randn(2, 2, 4), torch.randn(2, 4))),
            lambda: gru(torch.randn(5, 2, 3), torch.randn(1, 3, 4)),
            lambda: gru(torch.randn(5, 2, 3), torch.randn(3, 4)),
            lambda: gru(torch.randn(5, 3), torch.randn(1, 1, 4)),
            lambda: gru(torch.randn(2, 3, 3, 3))]:
    try:
        bad()
    except RuntimeError as e:
        print('RuntimeError:', e)
out, h = gru(torch.randn(5, 3))
print(out.shape, h.shape, type(out.grad_fn).__name__, type(h.grad_fn).__name__)
out, (h, c) = lstm(torch.randn(5, 3))
print(out.shape, h.shape, c.shape, type(out.grad_fn).__name__)
for bad in [lambda: nn.LSTM(3, 4, dropout=1.5), lambda: nn.LSTM(3, 4, proj_size=4),
            lambda: nn.LSTM(3, 4, proj_size=-1), lambda: nn.GRU(3, 4, proj_size=2),
            lambda: nn.RNN(3, 4, nonlinearity='sigmoid'), lambda: nn.LSTM(3)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
m = nn.GRU(3, 4, dropout=0.5)
m = nn.LSTM(3, 4, num_layers=3, dropout=0.5)
torch.manual_seed(5)
out, _ = m(torch.randn(4, 2, 3))
print(out.sum().item())
m.eval()
out, _ = m(torch.randn(4, 2, 3))
print(out.sum().item())
p = nn.LSTM(3, 6, proj_size=2)
out, (h, c) = p(torch.randn(4, 2, 3))
print(out.shape, h.shape, c.shape, out.sum().item(), c.sum().item())
lstm(torch.randn(5, 2, 3), (torch.randn(1, 2, 4), torch.randn(2, 2, 4)))
