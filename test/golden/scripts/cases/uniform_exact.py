import math
import torch

# uniform_ draws x in [0, 1) and returns x * (to - from) + from with one rounding (PyTorch's
# AVX2 kernel fuses the multiply-add); tolist() shows every bit.
torch.manual_seed(0)
print(torch.empty(24).uniform_(-0.5773502691896258, 0.5773502691896258).tolist())
print(torch.empty(8, dtype=torch.float64).uniform_(-0.3, 1.0).tolist())
print(torch.rand(6).tolist())

torch.manual_seed(0)
layer = torch.nn.Linear(3, 1)
print(layer.weight.tolist(), layer.bias.tolist())
w = torch.empty(2, 5)
torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))
print(w.tolist())
torch.nn.init.xavier_uniform_(w)
print(w.tolist())
