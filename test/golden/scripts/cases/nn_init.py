# torch.nn.init under torch.manual_seed, and nn.Linear's default initialisation
import torch
import torch.nn as nn

torch.manual_seed(1)
lin = nn.Linear(5, 3)
print(lin.weight)
print(lin.bias)
print(nn.Linear(3, 2, bias=False))
w = torch.zeros(4, 6)
print(nn.init.xavier_uniform_(w))
print(nn.init.xavier_normal_(w, gain=2.0))
print(nn.init.kaiming_uniform_(w, a=0.1))
print(nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu"))
print(nn.init.uniform_(w, -0.5, 0.5))
print(nn.init.normal_(w, mean=1.0, std=0.1))
print(nn.init.constant_(w, 0.3))
print(nn.init.ones_(w))
print(nn.init.zeros_(w))
big = torch.zeros(20, 30)
nn.init.normal_(big)
print(big.sum(), big[0, :5])
nn.init.xavier_uniform_(lin.weight)
print(lin.weight, lin.weight.requires_grad, lin.weight.is_leaf)
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("linear"), nn.init.calculate_gain("sigmoid"))
print(nn.init.calculate_gain("leaky_relu"), nn.init.calculate_gain("leaky_relu", 0.2), nn.init.calculate_gain("tanh"))
d = torch.zeros(3, 3, dtype=torch.float64)
print(nn.init.uniform_(d))
try:
    nn.init.xavier_uniform_(torch.zeros(3))
except ValueError as e:
    print(e)
try:
    nn.init.kaiming_uniform_(w, mode="fan")
except ValueError as e:
    print(e)
try:
    nn.init.calculate_gain("foo")
except ValueError as e:
    print(e)
