import torch
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
with torch.no_grad():
    w[0] -= 0.1 * w.grad[0]
    w[1:] = w[1:] - 0.5
    w[2] *= 2
print(w, w._version, w.grad)
w.data[0] = 9
print(w, w._version)
h = w * 1
with torch.no_grad():
    h[0] += 100
print(h, h.grad_fn, h._version)
h.sum().backward()
print(w.grad)
