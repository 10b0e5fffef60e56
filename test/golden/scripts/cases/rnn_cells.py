import torch
from torch import nn

torch.manual_seed(2)
rnn = nn.RNNCell(10, 20)
input = torch.randn(6, 3, 10)
hx = torch.randn(3, 20)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)
print(torch.stack(output).sum().item(), type(hx.grad_fn).__name__)
cell = nn.LSTMCell(10, 20)
hx = torch.randn(3, 20)
cx = torch.randn(3, 20)
for i in range(6):
    hx, cx = cell(input[i], (hx, cx))
print(hx[0].tolist())
print(cx.sum().item(), type(hx.grad_fn).__name__, type(cx.grad_fn).__name__)
gru = nn.GRUCell(10, 20)
h = gru(input[0])
print(h[2].tolist(), type(h.grad_fn).__name__)
h1 = gru(input[0][0], h[0])
print(h1.shape, type(h1.grad_fn).__name__)
h1.sum().backward()
print(gru.weight_hh.grad.sum().item())
relu_cell = nn.RNNCell(10, 4, nonlinearity='relu')
print(relu_cell(input[1]))
try:
    cell(torch.randn(3, 9))
except RuntimeError as e:
    print(e)
try:
    cell(input[0], (torch.randn(2, 20), torch.randn(3, 20)))
except RuntimeError as e:
    print(e)
try:
    cell(input[0], (torch.randn(3, 20), torch.randn(3, 21)))
except RuntimeError as e:
    print(e)
try:
    gru(torch.randn(2, 3, 10))
except AssertionError as e:
    print('AssertionError:', e)
