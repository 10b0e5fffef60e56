# torch.utils.data samplers, Subset, random_split and DataLoader's sampler=, batch_sampler=,
# collate_fn= and batch_size=None, with PyTorch's order under the seed and generator=.
import torch
from torch.utils.data import (TensorDataset, DataLoader, Subset, random_split, RandomSampler,
                              SequentialSampler, BatchSampler, SubsetRandomSampler,
                              WeightedRandomSampler, Dataset, Sampler)
import torch.utils.data as data
torch.manual_seed(0)
X = torch.arange(20.).reshape(10, 2)
y = torch.arange(10)
ds = TensorDataset(X, y)
s = SequentialSampler(ds)
print(list(s), len(s), type(s).__name__)
r = RandomSampler(ds)
print(list(r), len(r), r.num_samples, r.replacement)
print(list(RandomSampler(range(7), replacement=True, num_samples=40)))
g = torch.Generator().manual_seed(42)
print(list(RandomSampler(ds, generator=g)), list(RandomSampler(ds, generator=g)))
print(list(RandomSampler(ds, num_samples=23)), len(RandomSampler(ds, num_samples=23)))
print(list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False)))
print(list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=True)))
print(len(BatchSampler(range(10), 3, False)), len(BatchSampler(range(10), 3, True)))
print(list(BatchSampler(RandomSampler(range(10)), 4, False)))
print(list(SubsetRandomSampler([5, 7, 9, 11])), len(SubsetRandomSampler([5, 7, 9, 11])))
print(list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 5, replacement=True)))
print(list(WeightedRandomSampler([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement=False)))
train, test = random_split(ds, [7, 3])
print(type(train).__name__, len(train), len(test), train.indices, test.indices)
print(train[0])
a, b, c = random_split(range(10), [0.5, 0.3, 0.2], generator=torch.Generator().manual_seed(1))
print(list(a), list(b), list(c), a.indices)
parts = random_split(range(11), [0.3, 0.3, 0.4])
print([len(p) for p in parts])
sub = Subset(ds, [1, 3, 5])
print(len(sub), sub[1], sub.dataset is ds, sub.indices)
for xb, yb in DataLoader(sub, batch_size=2):
    print(xb, yb)
loader = DataLoader(ds, batch_size=3, sampler=RandomSampler(ds))
print(len(loader), [b[1].tolist() for b in loader])
loader = DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 4, False))
print(len(loader), loader.batch_size, loader.drop_last, [b[1].tolist() for b in loader])
loader = DataLoader(ds, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(3))
print([b[1].tolist() for b in loader])
print([b[1].tolist() for b in loader])
print(type(loader.sampler).__name__, type(loader.batch_sampler).__name__)
def collate(batch):
    xs, ys = zip(*batch)
    return torch.stack(xs).sum(), list(ys)
for total, ys in DataLoader(ds, batch_size=4, collate_fn=collate):
    print(total, ys)
loader = DataLoader(ds, sampler=[9, 0, 4], batch_size=2)
print(len(loader), [b[1].tolist() for b in loader])
for item in DataLoader(ds, batch_size=None, sampler=[2, 7]):
    print(item)
class Evens(Sampler):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(0, self.n, 2))
    def __len__(self):
        return (self.n + 1) // 2
loader = DataLoader(ds, batch_size=2, sampler=Evens(10))
print(len(loader), [b[1].tolist() for b in loader])
class D(Dataset):
    def __len__(self):
        return 5
    def __getitem__(self, i):
        return {"x": torch.tensor([i, i + 1.]), "y": i, "z": (i * 0.5, i % 2 == 0), "name": f"s{i}"}
for batch in DataLoader(D(), batch_size=2):
    print(batch)
print(data.default_collate([(1, 2.5), (3, 4.5)]))
print(data.default_collate([[torch.ones(2), 1], [torch.zeros(2), 2]]))
for i, (xb, yb) in enumerate(DataLoader(ds, batch_size=4, shuffle=True)):
    print(i, yb.tolist())
print(torch.randn(2))
