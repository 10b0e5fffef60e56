# disable_saved_tensors_hooks inside an active pair: the message, from graph.py's frames
import torch
x = torch.tensor([1., 2.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    with torch.autograd.graph.disable_saved_tensors_hooks("msg A"):
        pass
