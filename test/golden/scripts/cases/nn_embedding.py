import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
emb = nn.Embedding(10, 3)
print(emb, emb.weight)
idx = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
out = emb(idx)
print(out.shape, out.grad_fn, out.grad_fn.next_functions)
out.sum().backward()
print(emb.weight.grad)

pad = nn.Embedding(5, 2, padding_idx=-2)
print(pad, pad.padding_idx, pad.weight)
y = pad(torch.tensor([0, 3, 3, 1]))
(y * torch.arange(8.).reshape(4, 2)).sum().backward()
print(y, pad.weight.grad)

w = torch.tensor([[1.0, 2.3, 3.0], [4.0, 5.1, 6.3]])
frozen = nn.Embedding.from_pretrained(w)
print(frozen, frozen.weight.requires_grad, frozen(torch.LongTensor([1])))
tuned = nn.Embedding.from_pretrained(w, freeze=False, padding_idx=0)
print(tuned, tuned.weight.requires_grad)

# scale_grad_by_freq, int32 indices, max_norm renormalises the picked rows in place
weight = torch.arange(12.).reshape(4, 3).requires_grad_()
z = F.embedding(torch.tensor([1, 1, 3], dtype=torch.int32), weight, scale_grad_by_freq=True)
z.backward(torch.ones(3, 3))
print(z, weight.grad)
big = torch.arange(12.).reshape(4, 3)
print(F.embedding(torch.tensor([0, 2, 2]), big, max_norm=5.0), big)
m = nn.Embedding(4, 2, max_norm=1.0, norm_type=1)
print(m, m(torch.tensor([3, 0])), m.weight)
print(torch.embedding(torch.eye(3), torch.tensor([2, 0])))

# a tiny word-embedding model trained two steps
torch.manual_seed(1)
model = nn.Sequential(nn.Embedding(6, 4), nn.Flatten(), nn.Linear(8, 2))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.tensor([[0, 5], [2, 3], [4, 4]])
target = torch.tensor([1, 0, 1])
for step in range(2):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), target)
    loss.backward()
    opt.step()
    print(step, loss.item())
print(model[0].weight)

for bad in [lambda: F.embedding(torch.tensor([3]), torch.randn(3, 2)),
            lambda: F.embedding(torch.tensor([-1]), torch.randn(3, 2)),
            lambda: F.embedding(torch.tensor([1.]), torch.randn(3, 2)),
            lambda: F.embedding(torch.tensor([1], dtype=torch.int16), torch.randn(3, 2)),
            lambda: F.embedding(torch.tensor([1]), torch.randn(3)),
            lambda: F.embedding([1], torch.randn(3, 2)),
            lambda: F.embedding(torch.tensor([1]), [1., 2.]),
            lambda: F.embedding(torch.tensor([1]), torch.randn(3, 2), padding_idx=3),
            lambda: nn.Embedding(3, 2, padding_idx=3), lambda: nn.Embedding(3, 2, padding_idx=-4),
            lambda: nn.Embedding.from_pretrained(torch.randn(3)),
            lambda: nn.Embedding(3, 2, _weight=torch.randn(2, 2))]:
    try:
        bad()
    except (RuntimeError, TypeError, IndexError, AssertionError) as e:
        print(type(e).__name__, e)
w = torch.randn(4, 2, requires_grad=True)
i = torch.tensor([1, 2])
z = F.embedding(i, w)
i.add_(1)
try:
    z.sum().backward()
except RuntimeError as e:
    print(e)
nn.Embedding(3, 2, padding_idx=3)
