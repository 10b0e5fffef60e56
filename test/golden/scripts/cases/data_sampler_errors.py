# The errors of torch.utils.data's samplers, random_split and DataLoader's option checks.
import torch
from torch.utils.data import (TensorDataset, DataLoader, random_split, RandomSampler,
                              SequentialSampler, BatchSampler, WeightedRandomSampler)
ds = TensorDataset(torch.arange(6.), torch.arange(6))
def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
attempt(lambda: DataLoader(ds, shuffle=True, sampler=SequentialSampler(ds)))
attempt(lambda: DataLoader(ds, batch_size=2, batch_sampler=BatchSampler(SequentialSampler(ds), 2, False)))
attempt(lambda: DataLoader(ds, shuffle=True, batch_sampler=[[0, 1]]))
attempt(lambda: DataLoader(ds, batch_size=None, drop_last=True))
attempt(lambda: DataLoader(ds, num_workers=-1))
attempt(lambda: RandomSampler(ds, num_samples=0))
attempt(lambda: RandomSampler(ds, replacement=1))
attempt(lambda: BatchSampler(SequentialSampler(ds), 0, False))
attempt(lambda: BatchSampler(SequentialSampler(ds), 2, 1))
attempt(lambda: WeightedRandomSampler([0.5, 0.5], 0))
attempt(lambda: random_split(ds, [0.5, 0.6]))
attempt(lambda: random_split(ds, [2, 2]))
attempt(lambda: random_split(ds, [1.5, -0.5]))
loader = DataLoader(ds, batch_size=2)
attempt(lambda: setattr(loader, "batch_size", 3))
print(list(DataLoader(ds, batch_sampler=[[0, 5], [2]])))
print([len(p) for p in random_split(range(2), [0.0, 1.0])])
random_split(ds, [4, 3])
