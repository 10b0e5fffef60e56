import torch
from torch.distributions import Categorical, Bernoulli, Uniform

torch.manual_seed(1)
c = Categorical(torch.tensor([0.1, 0.2, 0.7]))
print(c, c.probs, c.logits, c.batch_shape, c.event_shape, c.param_shape)
print(c.sample(), c.sample((5,)), c.sample([2, 3]))
print(c.log_prob(torch.tensor([0, 1, 2])), c.entropy(), c.mode)
logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], requires_grad=True)
d = Categorical(logits=logits)
print(d, d.logits, d.probs, d.batch_shape)
a = d.sample()
print(a, a.shape, d.sample((4,)).shape)
lp = d.log_prob(a)
print(lp, lp.grad_fn)
(-lp.sum()).backward()
print(logits.grad)
print(d.entropy(), d.mean, d.variance)
print(Categorical(probs=torch.tensor([2.0, 6.0])).probs)
print(d.expand((3, 2)).sample())

b = Bernoulli(torch.tensor([0.3, 0.9]))
print(b, b.probs, b.logits, b.sample(), b.sample((3,)))
print(b.log_prob(torch.tensor([1.0, 0.0])), b.entropy(), b.mean, b.variance)
b2 = Bernoulli(logits=torch.tensor([0.0, 2.0]))
print(b2, b2.probs, b2.log_prob(torch.tensor([1.0, 1.0])), b2.sample((2,)))
print(Bernoulli(0.5), Bernoulli(0.5).sample((4,)))

u = Uniform(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 3.0]))
print(u, u.sample(), u.rsample((2,)), u.mean, u.stddev, u.variance)
print(u.log_prob(torch.tensor([0.5, 2.0])), u.cdf(torch.tensor([0.5, 2.0])), u.entropy())
print(Uniform(0.0, 5.0).sample((3,)), Uniform(-1, 1))
lo = torch.tensor(0.0, requires_grad=True)
x = Uniform(lo, 2.0).rsample((2,))
x.sum().backward()
print(x, lo.grad)

# expand of each class: parameters broadcast to the new batch shape, validation carried over.
import torch.distributions as D
for d in [D.Bernoulli(probs=torch.tensor(0.3)), D.Bernoulli(logits=torch.tensor([0.5])),
          D.Categorical(probs=torch.tensor([0.2, 0.8])), D.Categorical(logits=torch.zeros(3)),
          D.Uniform(torch.tensor(0.0), torch.tensor(2.0)),
          D.Multinomial(4, torch.tensor([0.5, 0.5]))]:
    e = d.expand((2, 3)) if not isinstance(d, D.Bernoulli) or d.batch_shape == () else d.expand([4])
    print(e, e.batch_shape, e.event_shape, e._validate_args)
    print(e.sample().shape, e.mean.shape)
