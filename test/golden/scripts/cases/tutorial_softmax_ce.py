import torch
import torch.nn.functional as F
logits = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
target = torch.tensor([2])
probs = F.softmax(logits, dim=1)
print("probs:", probs)
print("sum:", probs.sum().item())
loss = F.cross_entropy(logits, target)
print("loss:", loss)
loss.backward()
print("grad:", logits.grad)
manual = probs.detach().clone()
manual[0, 2] if False else None
print(torch.log_softmax(logits, dim=1))
mse = F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0]))
print(mse, F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0]), reduction='sum'))
print(F.relu(torch.tensor([-1.0, 0.0, 2.0])), F.sigmoid(torch.tensor(0.0)), F.tanh(torch.tensor(0.5)))
