import torch
x = torch.arange(12.).reshape(3, 4)
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: x[torch.tensor([0, 3])])
t(lambda: x[:, torch.tensor([0, 4])])
t(lambda: x[torch.tensor([-4])])
t(lambda: x[torch.tensor([1]), :, torch.tensor([0])])
t(lambda: x[torch.tensor([0, 1]), torch.tensor([0, 1, 2])])
t(lambda: x[torch.tensor([True, False])])
t(lambda: x[:, torch.tensor([True, False])])
t(lambda: x[torch.tensor([[True, False, True, False]] * 2)])
t(lambda: x[torch.tensor([0., 1.])])
t(lambda: x[[0, 'a']])
t(lambda: torch.zeros(0, 3)[torch.tensor([0])])
t(lambda: x[torch.tensor([0]), torch.tensor([0]), torch.tensor([0])])
def s(ix, v):
    y = x.clone()
    try:
        y[ix] = v
        print(y)
    except Exception as e:
        print(type(e).__name__, e)
s(torch.tensor([0, 2]), torch.tensor([1., 2., 3.]))
s(torch.tensor([0, 2]), torch.tensor([1, 2, 3, 4]))
s(x > 5, torch.tensor([1., 2.]))
s(torch.tensor([5]), 1.)
w = torch.ones(3, requires_grad=True)
try:
    w[torch.tensor([0])] = 2.
except Exception as e:
    print(type(e).__name__, e)
print(x[torch.tensor([3])])
