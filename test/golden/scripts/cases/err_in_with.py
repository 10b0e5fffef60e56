import torch
with torch.no_grad():
    print(torch.is_grad_enabled())
    undefined_name
