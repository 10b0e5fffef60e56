# makemore's bigram counts: an int32 matrix filled in place, then turned into probabilities.
import torch

words = ["emma", "olivia", "ava", "isabella", "sophia"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
N = torch.zeros((len(stoi), len(stoi)), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        ix1 = stoi[ch1]
        ix2 = stoi[ch2]
        N[ix1, ix2] += 1
print(N.dtype, N.shape, N.sum(), N.sum().dtype)
print(N[0])
print(N[0, :].float() / N[0].sum())
p = N[0].float()
p = p / p.sum()
print(p)
P = (N + 1).float()
P /= P.sum(1, keepdims=True)
print(P[0].sum(), P.shape, P.dtype)
print(N.max(), N.argmax(), N[1].tolist(), N[0, 1].item(), type(N[0, 1].item()))
print(N.element_size(), torch.ones(2, dtype=torch.float64).element_size(), torch.ones(1, dtype=torch.uint8).element_size())
