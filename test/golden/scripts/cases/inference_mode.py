import torch

x = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    y = x * 2
    print(y.requires_grad, torch.is_grad_enabled(), torch.is_inference_mode_enabled())
print(y, torch.is_grad_enabled(), torch.is_inference_mode_enabled())
with torch.inference_mode(False):
    z = x * 3
print(z.requires_grad)
with torch.inference_mode(mode=True):
    with torch.inference_mode():
        print(torch.is_inference_mode_enabled())
    print(torch.is_inference_mode_enabled())


@torch.inference_mode()
def predict(t):
    return t * 4


print(predict(x), torch.is_inference_mode_enabled())
with torch.no_grad():
    print((x * 5).requires_grad, torch.is_inference_mode_enabled())
