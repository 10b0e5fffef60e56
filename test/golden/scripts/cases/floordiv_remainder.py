import torch
# // and % on tensors follow Python's rounding toward -inf, fmod C's truncation.
a = torch.tensor([5.0, -5.0, 7.5, -7.5, 0.0], requires_grad=True)
b = torch.tensor([2.0, 2.0, -2.0, -2.0, 3.0])
print(a // b)
print(a % b)
print(a // 2, a % 2)
print(7 // a)
print(7 % a)
print(2.5 // a, 2.5 % a)
print(torch.floor_divide(a, b), torch.remainder(a, b))
print(torch.fmod(a, b), a.fmod(2), a.remainder(2), a.floor_divide(2))
print(torch.floor_divide(5, a), torch.remainder(5, a))
print(a // 0, a % 0)
i = torch.tensor([5, -5, 7])
print(i // 2, i % 2, i % -3, -7 % torch.tensor([5, -5, 3]), -7 // torch.tensor([5, -5, 3]))
print(i // 2.5, i % 2.5, i.fmod(-3))
print(torch.tensor([True, False]) // 2, 5 % torch.tensor([True]))
print(torch.tensor([-0.5]) // 1, torch.tensor([0.5]) % -1, torch.tensor([-0.0]) % 1)
print(torch.tensor(5) // torch.tensor([2.0]), (torch.tensor([7, 8]) // 3).dtype)
x = torch.arange(10)
print(x % 3, x // 4)
y = a % 2
print(y.grad_fn, y.grad_fn.next_functions)
y.sum().backward()
print(a.grad)
a.grad = None
bb = torch.tensor([2.0, 2.0, -2.0, -2.0, 3.0], requires_grad=True)
y = a % bb
print(y.grad_fn.name(), len(y.grad_fn.next_functions))
y.sum().backward()
print(a.grad, bb.grad)
a.grad = None
bb.grad = None
y = a.fmod(bb)
y.sum().backward()
print(y.grad_fn, a.grad, bb.grad)
q = a // bb
print(q.grad_fn, q.grad_fn.name(), q.requires_grad, q.is_leaf)
print((a // 2).grad_fn.next_functions, (7 // a).grad_fn.next_functions)
print((7 % a).grad_fn)
z = a * 1
z %= 2
print(z, z._version)
z //= 2
print(z, z._version)
n = torch.tensor([5, 7])
n //= 2
print(n)
n %= 2
print(n)
n.remainder_(3)
n.floor_divide_(1)
print(n, n._version)
with torch.no_grad():
    w = a * 1
    w //= 3
    print(w, w.requires_grad)
