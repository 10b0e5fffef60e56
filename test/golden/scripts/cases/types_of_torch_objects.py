import torch
print(type(torch.no_grad()), type(torch.enable_grad()), type(torch.ones(2).max(0)), type(torch.ones(2).min(0)))
print(type(torch.manual_seed(0)), type(torch.float32), type(torch.ones(1)), type(torch.Size([1])))
print(type(torch.ones(1, requires_grad=True).sum().grad_fn))
print(isinstance(torch.ones(2).max(0), tuple), type(torch.set_grad_enabled(True)))
