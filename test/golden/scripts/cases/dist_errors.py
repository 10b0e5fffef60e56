import torch
from torch.distributions import Normal, Categorical, Bernoulli, Uniform, Distribution
from torch.distributions import multinomial


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: Normal(0.0, -1.0))
attempt(lambda: Normal(torch.tensor([0.0, float('nan')]), 1.0))
attempt(lambda: Normal(0.0, 1.0).log_prob(0.5))
attempt(lambda: Normal(torch.zeros(3), 1.0).log_prob(torch.zeros(2)))
attempt(lambda: Normal("a", 1.0))
attempt(lambda: Categorical(torch.tensor([0.5, -0.5])))
attempt(lambda: Categorical())
attempt(lambda: Categorical(torch.tensor([1.0]), logits=torch.tensor([1.0])))
attempt(lambda: Categorical(torch.tensor(0.5)))
attempt(lambda: Categorical(torch.tensor([0.5, 0.5])).log_prob(torch.tensor([2])))
attempt(lambda: Categorical(torch.tensor([0.5, 0.5])).log_prob(torch.tensor([0.5])))
attempt(lambda: Bernoulli(torch.tensor([1.5])))
attempt(lambda: Bernoulli(torch.tensor([0.5])).log_prob(torch.tensor([0.5])))
attempt(lambda: Uniform(1.0, 0.0))
attempt(lambda: Uniform(0.0, 1.0).log_prob(torch.tensor(2.0)))
attempt(lambda: multinomial.Multinomial(2.5, torch.tensor([0.5, 0.5])))
attempt(lambda: multinomial.Multinomial(2, torch.tensor([0.5, 0.5])).log_prob(torch.tensor([1.0, 2.0])))
attempt(lambda: Normal(0.0, 1.0, validate_args=False).log_prob(torch.tensor(1.0)))
attempt(lambda: Normal(0.0, -1.0, validate_args=False))
attempt(lambda: Distribution.set_default_validate_args(3))
Distribution.set_default_validate_args(False)
attempt(lambda: Normal(0.0, -1.0))
Distribution.set_default_validate_args(True)
attempt(lambda: Normal(0.0, -1.0))
attempt(lambda: Distribution().sample())
attempt(lambda: Distribution().mean)
attempt(lambda: Distribution(torch.Size([2])).batch_shape)
