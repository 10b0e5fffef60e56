import torch
from torch.distributions import multinomial

fair_probs = torch.ones([6]) / 6
torch.manual_seed(0)
print(multinomial.Multinomial(1, fair_probs).sample())
print(multinomial.Multinomial(10, fair_probs).sample())
counts = multinomial.Multinomial(1000, fair_probs).sample()
print(counts / 1000)
counts = multinomial.Multinomial(10, fair_probs).sample((500,))
cum_counts = counts.cumsum(dim=0)
estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
print(counts.shape, estimates[-1], estimates[:3])
m = multinomial.Multinomial(3, torch.tensor([[0.2, 0.8], [0.5, 0.5]]))
print(m, m.batch_shape, m.event_shape, m.mean, m.variance, m.sample((2,)))
print(multinomial.Multinomial(4, logits=torch.tensor([0.0, 1.0, 2.0])).sample())
