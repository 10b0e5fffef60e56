import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
d = c.sum() + a.mean()
print(d.grad_fn)
fn = d.grad_fn
print(fn.next_functions)
first = fn.next_functions[0][0]
print(first, first.next_functions)
leaf = first.next_functions[0][0].next_functions[0][0]
print(leaf, leaf.variable, leaf.variable is a)
print(c.is_leaf, a.is_leaf, d.requires_grad, c.grad_fn.name())
d.backward()
print(a.grad, b.grad, c.grad)
