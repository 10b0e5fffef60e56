import torch
torch_inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
targets = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1 = torch.tensor([[0.5, -0.4], [0.3, 0.8]], requires_grad=True)
b1 = torch.tensor([0.1, -0.1], requires_grad=True)
W2 = torch.tensor([[0.7], [-0.6]], requires_grad=True)
b2 = torch.tensor([0.2], requires_grad=True)
params = [W1, b1, W2, b2]
for step in range(5):
    hidden = torch.tanh(torch_inputs @ W1 + b1)
    out = torch.sigmoid(hidden @ W2 + b2)
    loss = ((out - targets) ** 2).mean()
    for p in params:
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.5 * p.grad
    print(step, loss.item())
print(out)
shapes = []
for p in params:
    shapes.append(p.grad.shape)
print(shapes, len(params))
