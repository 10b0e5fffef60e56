import torch

# d2l's cross-entropy picks each row's label with a range and a tensor
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])
print(y_hat[range(len(y_hat)), y])
print(-torch.log(y_hat[range(len(y_hat)), y]))

x = torch.arange(12.).reshape(3, 4)
print(x[range(3)], x[range(0, 3, 2), range(2)], x[range(0)])
print(x[[0, 2], torch.tensor([1, 3])], x[[0, torch.tensor(2)]], x[(range(2), [1, 2])])
print(x[range(1, 3), 1:], x[[[0, 1], [1, 2]]], x[[0, 1], [[1], [2]]])
print(x[[True, False, True]], x[range(3), range(3)], x[range(-1, -4, -1)])
print(torch.tensor(range(4)), torch.tensor([range(2), range(3, 5)]), torch.tensor(range(0)))
x[range(2)] = 0
x[range(3), [0, 1, 2]] = -1
print(x)

w = torch.ones(3, 3, requires_grad=True)
loss = -torch.log(w.softmax(1)[range(3), torch.tensor([0, 1, 1])]).sum()
loss.backward()
print(loss, loss.grad_fn.next_functions, w.grad)
try:
    x[range(5)]
except IndexError as e:
    print(e)
x[range(2), range(3)]
