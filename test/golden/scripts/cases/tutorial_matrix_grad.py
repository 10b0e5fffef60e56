import torch
W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
x = torch.tensor([0.5, -1.0])
y = W @ x
print(y, y.grad_fn)
y.sum().backward()
print(W.grad)
A = torch.arange(6.0).reshape(2, 3).requires_grad_()
B = torch.arange(6.0).reshape(3, 2)
C = A.mm(B)
print(C)
C.mean().backward()
print(A.grad)
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(v.dot(v), torch.dot(v, v), v @ v, torch.matmul(v, v))
M = torch.eye(3) * 2
print(M.mv(v), (M @ v).grad_fn)
