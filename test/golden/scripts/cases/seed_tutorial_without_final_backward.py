In [73]:
import torch

In [74]:
x = torch.ones(2,2,requires_grad=True)
print(x)

In [75]:
y = x+2

In [76]:
y.requires_grad

In [77]:
y.grad_fn

In [78]:
z = y * y * 3
out = z.mean()    #取一个 Tensor 中所有元素的平均值
print(z,'\n',out)

In [79]:
out.backward()

In [80]:
print(x.grad)

In [81]:
h = torch.tensor([
    [1,2],
    [3,4]],
    dtype=torch.float,
)
h.norm()

In [110]:
grad = 4*torch.ones(4,4,dtype=torch.float)
b = torch.ones(4,4, requires_grad=True)
c = (b*b).mean()
print(b,c)

In [111]:

In [112]:
print(b.grad)

In [118]:
print(x.requires_grad)
print((x ** 2).requires_grad)

with torch.no_grad():
    q=x**2
    print(q.requires_grad)
    print(x.requires_grad)

print(q.requires_grad)
