# an unpack hook that returns an int: PyTorch's TypeError at backward()
import torch
x = torch.tensor([1., 2.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: 1):
    y = x.exp()
y.sum().backward()
