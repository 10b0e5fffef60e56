# The legacy constructors tutorials still use: torch.Tensor(data) / torch.Tensor(*sizes),
# the typed FloatTensor/DoubleTensor/LongTensor/BoolTensor, Variable, .type() and the casts.
import torch
from torch.autograd import Variable

x = torch.Tensor([-4.0]).double()
print(x, x.type(), x.dtype)
print(torch.Tensor(2, 3).shape, torch.Tensor([[1, 2], [3, 4]]))
print(torch.Tensor(), torch.Tensor(0).shape, torch.Tensor(torch.Size([2, 1])).shape)
print(torch.FloatTensor([1, 2]), torch.LongTensor([1, 2]), torch.DoubleTensor(2).shape)
print(torch.BoolTensor([1, 0]), torch.LongTensor(3).dtype, torch.FloatTensor(2, 2).type())
print(torch.Tensor((1.5, 2)), torch.LongTensor([[1], [2]]).shape)
v = Variable(torch.ones(2), requires_grad=True)
print(v, type(v), v.requires_grad, v.is_leaf)
u = Variable(torch.ones(2))
print(u.requires_grad, isinstance(u, torch.Tensor), isinstance(torch.Tensor(2), torch.Tensor))
w = (v * 2).double()
print(w.grad_fn.name(), w.type(), w.type(torch.float32), w.type('torch.LongTensor'))
print(w.type(torch.float64) is w, w.type('torch.DoubleTensor').grad_fn.name())
w.sum().backward()
print(v.grad)
print(x.tolist(), x.data, x.float().type(), x.long().type(), x.bool().type())
print(torch.tensor([1, 2]).type(), torch.tensor([True]).type(), torch.ones(1).type())
print(torch.tensor([[1.5, 2.5]]).tolist(), torch.tensor(3).tolist(), torch.tensor(2.5).tolist())
print(torch.tensor([1.7, -1.7]).type(torch.LongTensor))
print(torch.ones(2, dtype=torch.float64).type(torch.FloatTensor))
