# grad_fn._raw_saved_*: torch._C._autograd.SavedTensor, register_hooks and PyTorch's errors (twice,
# bad arguments, freed, None), pack hooks that modify their input, unpack results that are not
# tensors or have another shape, disable_saved_tensors_hooks, save_on_cpu, freed access
import torch
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
y = x * w
r = y.grad_fn._raw_saved_self
print(type(r).__name__)
print(y.grad_fn._raw_saved_other)
def p(t):
    print("p", t); return t
def u(t):
    print("u", t); return t
print(r.register_hooks(p, u))
print(y.grad_fn._saved_self)
try:
    r.register_hooks(p, u)
except Exception as e:
    print(type(e).__name__, e)
try:
    y.grad_fn._raw_saved_other.register_hooks(p)
except Exception as e:
    print(type(e).__name__, e)
try:
    y.grad_fn._raw_saved_other.register_hooks(1, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    y.grad_fn._raw_saved_other.register_hooks(p, 2)
except Exception as e:
    print(type(e).__name__, e)
y.sum().backward()
try:
    y.grad_fn._raw_saved_other.register_hooks(p, u)
except Exception as e:
    print(type(e).__name__, e)
try:
    r.register_hooks(p, u)
except Exception as e:
    print(type(e).__name__, e)
print("--- None saved")
z = x * torch.tensor([1., 1.])
print(z.grad_fn._saved_self, z.grad_fn._raw_saved_self)
try:
    z.grad_fn._raw_saved_self.register_hooks(p, u)
except Exception as e:
    print(type(e).__name__, e)
print("--- inplace in pack")
def bad(t):
    t.add_(1)
    return t
try:
    with torch.autograd.graph.saved_tensors_hooks(bad, u):
        q = x.detach().requires_grad_() * 1.0 
        q2 = (x * 1).sin()
except Exception as e:
    print(type(e).__name__, e)
print("--- unpack returns non tensor")
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: 3):
    s = x.sin()
try:
    s.grad_fn._saved_self
except Exception as e:
    print(type(e).__name__, e)
try:
    s.sum().backward()
except Exception as e:
    print(type(e).__name__, e)
print("--- unpack returns other shape")
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: torch.zeros(3)):
    s = x.sin()
print(s.grad_fn._saved_self)
try:
    s.sum().backward()
    print(x.grad)
except Exception as e:
    print(type(e).__name__, e)
print("--- disable")
with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
    try:
        with torch.autograd.graph.saved_tensors_hooks(p, u):
            pass
    except Exception as e:
        print(type(e).__name__, e)
    s = x.sin()
    try:
        s.grad_fn._raw_saved_self.register_hooks(p, u)
    except Exception as e:
        print(type(e).__name__, e)
with torch.autograd.graph.saved_tensors_hooks(p, u):
    try:
        with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
            print("entered")
    except Exception as e:
        print(type(e).__name__, e)
print(torch.autograd.graph.disable_saved_tensors_hooks("m"))
print(torch.autograd.graph.saved_tensors_hooks(p, u))
print(torch.autograd.graph.save_on_cpu())
print("--- freed access with hooks")
with torch.autograd.graph.saved_tensors_hooks(p, u):
    s = x.sin()
s.sum().backward()
try:
    s.grad_fn._saved_self
except Exception as e:
    print(type(e).__name__, e)
s = x.sin()
print(s.grad_fn._saved_self)
print(dir(r))
