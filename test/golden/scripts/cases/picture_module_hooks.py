# Module hooks in the picture: a forward pre-hook, forward hooks (a function and a lambda, one
# replacing the output) and a full backward hook on the layers of a small model.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))


def scale_input(module, inputs):
    print("pre-hook on", type(module).__name__, "input", inputs[0].shape)
    return (inputs[0] * 2,)


def log_output(module, inputs, output):
    print("forward hook on", type(module).__name__, "output", output)


def show_grads(module, grad_input, grad_output):
    print("backward hook on", type(module).__name__, "grad_output", grad_output[0])


pre = model[0].register_forward_pre_hook(scale_input)
model[0].register_forward_hook(log_output)
model[2].register_forward_hook(lambda m, i, o: o + 1)
model[2].register_full_backward_hook(show_grads)

x = torch.tensor([[1.0, -1.0, 0.5]])
y = model(x)
print(y)
y.sum().backward()
print(model[0].weight.grad)
pre.remove()
print(model(x))
