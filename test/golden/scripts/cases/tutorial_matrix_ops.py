import torch
A = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
B = torch.eye(2) * 2
C = A @ B + A.T
print(C)
s = C.sum()
s.backward()
print(A.grad)
v = torch.arange(1, 4, dtype=torch.float32)
print(v, v.shape, v.dtype)
M = torch.arange(6.).view(2, 3)
print(M, M.t(), M.sum(dim=0), M.mean(dim=1, keepdim=True))
print(M[1], M[:, 2], M[0, 1:], M[1][2].item())
print(torch.mm(M, M.t()), torch.mv(M, v), torch.dot(v, v))
print(M.reshape(3, 2), M.unsqueeze(0).shape, M.view(-1).shape)
print(M.max(), M.norm(), M.abs().sum().item())
n = torch.tensor([3.0, 4.0])
print(n.norm(), n.norm(p=1), torch.norm(n))
