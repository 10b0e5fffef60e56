import torch
x = torch.arange(8., requires_grad=True)
y = x * 2
a, b = y.unsafe_chunk(2)
print(a, b)
print(a._base, a.is_contiguous())
c = a.sigmoid_()
print(c.grad_fn, c.grad_fn.next_functions[0][0].name())

print(b.grad_fn._saved_split_size, b.grad_fn._saved_dim, b.grad_fn._saved_self_sizes)
(c.sum() + b.sum()).backward()
print(x.grad)
print(torch.unsafe_split(torch.arange(5), 2))
