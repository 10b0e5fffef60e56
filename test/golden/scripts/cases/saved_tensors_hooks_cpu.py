# save_on_cpu: pin_memory=True packs a copy (a later in-place change is not seen, and no version
# check is made through hooks); without it the tensor itself is kept (the change is seen); the
# pair save_on_cpu's instance holds; subclassing saved_tensors_hooks
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
with torch.autograd.graph.save_on_cpu(pin_memory=True):
    q = x * w
with torch.no_grad():
    x.mul_(2)
q.sum().backward()
print(x.grad, w.grad)
c = torch.autograd.graph.save_on_cpu(pin_memory=True)
with torch.no_grad():
    print(c.pack_hook(x), c.unpack_hook(c.pack_hook(x)))
with torch.autograd.graph.save_on_cpu():
    q = x * w
with torch.no_grad():
    x.mul_(2)
q.sum().backward()
print(x.grad, w.grad)


class Logged(torch.autograd.graph.saved_tensors_hooks):
    def __init__(self, tag):
        self.count = 0

        def pack(t):
            self.count += 1
            print(tag, "pack", t.shape)
            return t

        def unpack(t):
            print(tag, "unpack", t.shape)
            return t

        super().__init__(pack, unpack)


hooks = Logged("L")
with hooks:
    z = (x * w).sum() * x.exp().sum()
print(hooks.count, isinstance(hooks, torch.autograd.graph.saved_tensors_hooks))
z.backward()
print(x.grad)
with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
    s = x.sin()
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass
    except RuntimeError as e:
        print("RuntimeError", e)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    s = x.sin()
print(s.grad_fn._saved_self)
