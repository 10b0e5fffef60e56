# torch.normal (every overload), bernoulli, multinomial and the in-place samplers, bit for bit
# (tolist prints every digit) on both sides of normal's 16-element vector path. float64 normals
# go through libm's log/sin/cos, whose last bit V8 and glibc may round apart: those are printed
# as float32.
import torch

torch.manual_seed(0)
for n in [1, 7, 15, 16, 17, 33]:
    print(n, torch.normal(2.0, 3.0, (n,)).tolist())
    print(n, torch.normal(2.0, 3.0, (n,), dtype=torch.float64).float().tolist())
print(torch.normal(0, 1, (2, 2)), torch.normal(1.0, 0.0, size=(3,)))
mean = torch.arange(20.0)
std = torch.linspace(0.1, 2.0, 20)
print(torch.normal(mean, std).tolist())
print(torch.normal(mean, 0.5).tolist())
print(torch.normal(1.5, std).tolist())
print(torch.normal(mean[:5]).tolist())
print(torch.normal(mean=torch.zeros(2, 1), std=torch.ones(3)).shape)
print(torch.normal(torch.zeros(3, dtype=torch.float64), torch.ones(3)).dtype)
m = torch.zeros(3, requires_grad=True)
s = torch.ones(3, requires_grad=True)
y = torch.normal(m, s)
print(y.grad_fn, torch.normal(m, 2.0).grad_fn, torch.normal(0.0, s).grad_fn)
(y * 3).sum().backward()
print(m.grad, s.grad)

p = torch.tensor([0.1, 0.5, 0.9, 0.0, 1.0])
print(torch.bernoulli(p), torch.bernoulli(p.double()), torch.bernoulli(p, 0.5))
q = torch.full((4,), 0.3, requires_grad=True)
print(torch.bernoulli(q).grad_fn, torch.bernoulli(q, p=0.5).grad_fn)
print(p.bernoulli(), torch.zeros(3).bernoulli_(), torch.zeros(2, 3).bernoulli_(torch.tensor([0.2, 0.8, 0.5])))
print(torch.zeros(5, dtype=torch.long).bernoulli_(0.5), torch.zeros(4, dtype=torch.bool).bernoulli_(p=0.7))

w = torch.tensor([1.0, 2.0, 0.0, 7.0])
print(torch.multinomial(w, 1), torch.multinomial(w, 3), torch.multinomial(w, 8, replacement=True))
print(w.multinomial(2), torch.multinomial(w.double(), 3, True))
rows = torch.tensor([[0.2, 0.3, 0.5], [5.0, 0.0, 5.0]])
print(torch.multinomial(rows, 2), torch.multinomial(rows, 4, replacement=True))
print(torch.multinomial(torch.rand(50), 50).tolist())

print(torch.zeros(6).uniform_(-2, 3).tolist(), torch.zeros(3, dtype=torch.float64).uniform_().tolist())
print(torch.zeros(20).normal_(1, 2).tolist())
print(torch.zeros(4, 5).t().normal_().tolist())
print(torch.zeros(6).exponential_().tolist(), torch.zeros(3).exponential_(4.0).tolist())
print(torch.zeros(6).geometric_(0.3), torch.zeros(3, dtype=torch.long).geometric_(0.9))
print(torch.zeros(4).log_normal_().tolist(), torch.zeros(2, dtype=torch.float64).log_normal_(0, 0.5).float().tolist())
print(torch.zeros(4).cauchy_().tolist(), torch.zeros(2).cauchy_(1, 3).tolist())
print(torch.zeros(3, dtype=torch.float64).cauchy_().float().tolist())
print(torch.zeros(6).random_(10), torch.zeros(4, dtype=torch.long).random_(-5, 5), torch.zeros(3).random_(3, None))
print(torch.zeros(3).random_(), torch.zeros(3, dtype=torch.float64).random_(), torch.zeros(4, dtype=torch.bool).random_())
print(torch.zeros(3, dtype=torch.long).random_(0, 2 ** 40), torch.zeros(3).random_(2 ** 20, 2 ** 33))
g = torch.Generator().manual_seed(1)
print(torch.zeros(3).normal_(generator=g).tolist(), torch.zeros(3).uniform_(generator=g).tolist())
print(torch.zeros(3).random_(5, generator=g), torch.zeros(3).bernoulli_(0.5, generator=g))
print(torch.zeros(2).exponential_(generator=g).tolist(), torch.normal(0.0, 1.0, (2,), generator=g).tolist())
print(torch.bernoulli(torch.full((3,), 0.5), generator=g), torch.multinomial(w, 2, generator=g))

x = torch.zeros(3, requires_grad=True) * 1
for f in ['uniform_', 'normal_', 'exponential_', 'log_normal_', 'cauchy_', 'random_', 'bernoulli_']:
    print(f, getattr(x.clone(), f)().grad_fn.name())
print(x.clone().random_(4).grad_fn.name(), x.clone().random_(1, 4).grad_fn.name(), x.clone().geometric_(0.5).grad_fn.name())
print(x.clone().bernoulli_(torch.full((3,), 0.5)).grad_fn.name())
y = x.clone().exponential_()
y.sum().backward()
