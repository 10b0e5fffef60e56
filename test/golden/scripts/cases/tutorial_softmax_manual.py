import torch
logits = torch.tensor([2.0, 1.0, 0.1], requires_grad=True)
exps = torch.exp(logits)
probs = exps / exps.sum()
print(probs, probs.sum())
target = 0
loss = -torch.log(probs[target])
print(loss)
loss.backward()
print(logits.grad)
print(torch.softmax(torch.tensor([2.0, 1.0, 0.1]), dim=0))
print(probs.argmax().item(), probs[probs.argmax()].item() > 0.5)
