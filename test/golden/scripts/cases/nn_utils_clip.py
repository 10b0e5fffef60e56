# torch.nn.utils as training loops call it: gradient clipping and the parameter vector.
import torch
from torch import nn
from torch.nn.utils import clip_grad_norm_, parameters_to_vector, vector_to_parameters

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
x = torch.randn(16, 4)
y = torch.randn(16, 2)
loss = ((model(x) * 10 - y) ** 2).mean()
loss.backward()
print(model[0].weight.grad[0])
total = clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(model[0].weight.grad[0])
print(torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5, norm_type=1))
print(torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1, norm_type='inf'))
print(torch.nn.utils.clip_grad_norm_(model[2].weight, 5.0))
print(model[2].weight.grad)
torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01)
print(model[0].bias.grad)
print(torch.nn.utils.clip_grad_norm_([torch.zeros(2, requires_grad=True)], 1.0))

vec = parameters_to_vector(model.parameters())
print(vec.shape, vec[:5])
vector_to_parameters(torch.arange(vec.numel(), dtype=torch.float32), model.parameters())
print(model[2].bias, model[0].weight[1])

w = torch.ones(3, requires_grad=True)
(w * float('inf')).sum().backward()
print(torch.nn.utils.clip_grad_norm_(w, 1.0), w.grad)
w.grad = None
(w * 2).sum().backward()
print(torch.nn.utils.clip_grad_norm(w, 1.0))
try:
    vector_to_parameters([1.0], model.parameters())
except TypeError as e:
    print('TypeError:', e)
w.grad = torch.tensor([float('nan'), 1.0, 2.0])
torch.nn.utils.clip_grad_norm_(w, 1.0, error_if_nonfinite=True)
