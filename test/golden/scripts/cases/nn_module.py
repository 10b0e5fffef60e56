# nn.Module subclassed: registration by attribute, iteration, repr, state_dict, train/eval, zero_grad
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(3, 1, bias=False)
        self.w = nn.Parameter(torch.zeros(1))
        self.register_buffer("steps", torch.zeros(1))
        self.scale = 2.0

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale + self.w


m = Net()
print(m)
print(m.fc1.weight)
print(m.fc1.bias)
for n, p in m.named_parameters():
    print(n, p.shape, p.requires_grad, p.is_leaf)
print([n for n, _ in m.named_buffers()])
print(m.state_dict())
print(list(m.state_dict().keys()))
print(list(m.children()))
print([n for n, _ in m.named_children()])
print([n for n, _ in m.named_modules()])
print(len(list(m.modules())), len(list(m.parameters())))
print(list(m._parameters.keys()), list(m._buffers.keys()), m._non_persistent_buffers_set)
x = torch.ones(4, 2)
y = m(x)
print(y)
y.sum().backward()
print(m.fc1.weight.grad)
print(m.w.grad)
m.zero_grad()
print(m.fc1.weight.grad, m.w.grad)
m.zero_grad(set_to_none=True)
print(m.fc1.weight.grad)
print(m.training, m.eval().training, m.fc1.training, m.train().fc1.training)
print(isinstance(m.w, torch.Tensor), isinstance(m.w, nn.Parameter), isinstance(m, nn.Module))
print(type(m.w), type(m), type(m.fc1))
print(m.parameters())
print(nn.Linear, nn.Module, nn.Parameter)
print(m.requires_grad_(False).fc1.weight.requires_grad)
m.fc2 = None
print(m)
del m.act
print(m)
m.add_module("extra", nn.Tanh())
print(m.extra, m._modules.keys())
print(m.load_state_dict(m.state_dict()))
print(m.load_state_dict({"w": torch.ones(1)}, strict=False))
print(m.w)
seen = []
m.apply(lambda mod: seen.append(type(mod).__name__))
print(seen)
print(nn.Module())


class WithExtra(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.inner = nn.Linear(1, 1)

    def extra_repr(self):
        return f"k={self.k}"


print(WithExtra(3))
print(nn.Parameter(torch.ones(2)))
print([nn.Parameter(torch.ones(2), requires_grad=False)])
print(nn.Parameter())
print(nn.Parameter(torch.ones(2)) * 2)
