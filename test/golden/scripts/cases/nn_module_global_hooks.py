# Global module hooks (torch.nn.modules.module.register_module_*): every module's call runs them,
# before the module's own hooks, until their handles are removed
import torch
import torch.nn as nn
from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook
import torch.nn.modules.module as module_mod
def tryit(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
calls = []
def global_pre(m, inp):
    calls.append("pre " + type(m).__name__)
def global_post(m, inp, out):
    calls.append("post " + type(m).__name__ + " " + str(tuple(out.shape)))
def own_post(m, inp, out):
    calls.append("own " + type(m).__name__)
h1 = register_module_forward_pre_hook(global_pre)
h2 = register_module_forward_hook(global_post)
h3 = model[0].register_forward_hook(own_post)
print(type(h1).__name__, h1.id < h2.id < h3.id)
x = torch.tensor([[1.0, -2.0, 3.0]], requires_grad=True)
y = model(x)
print("\n".join(calls))
print(y)
# a global forward hook may replace every module's output, a pre-hook its input
h4 = torch.nn.modules.module.register_module_forward_hook(lambda m, inp, out: out * 2 if isinstance(m, nn.ReLU) else None)
print(model(x))
h4.remove()
h5 = module_mod.register_module_forward_pre_hook(lambda m, inp: inp[0] + 1 if isinstance(m, nn.Linear) else None)
print(model(x))
h5.remove()
h1.remove()
h2.remove()
h3.remove()
calls.clear()
print(model(x), calls)
# global full backward hooks: run for every module, before the module's own
def gbw(m, gin, gout):
    print("global bw", type(m).__name__, [None if g is None else tuple(g.shape) for g in gin], [tuple(g.shape) for g in gout])
def own_bw(m, gin, gout):
    print("own bw", type(m).__name__)
hb = module_mod.register_module_full_backward_hook(gbw)
hb2 = model[2].register_full_backward_hook(own_bw)
model(x).sum().backward()
print(x.grad)
hb2.remove()
# a global hook replacing grad_input
x.grad = None
hr = module_mod.register_module_full_backward_hook(lambda m, gin, gout: (gin[0] * 0,) if isinstance(m, nn.ReLU) else None)
model(x).sum().backward()
print(x.grad)
hr.remove()
tryit(lambda: module_mod.register_module_backward_hook(gbw))
hb.remove()
tryit(lambda: module_mod.register_module_backward_hook(gbw))
# the full/non-full flag stays once set, even when every global hook is removed
hf = module_mod.register_module_full_backward_hook(gbw)
x.grad = None
model(x).sum().backward()
hf.remove()
model(x).sum().backward()
print(x.grad)
print(len(module_mod._global_forward_hooks), len(module_mod._global_backward_hooks))
