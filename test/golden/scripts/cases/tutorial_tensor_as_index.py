import torch
classes = ["cat", "dog", "bird"]
logits = torch.tensor([0.1, 2.5, 0.3])
pred = logits.argmax()
print(pred, classes[pred], classes[pred.item()], "dog"[torch.tensor(0)])
for i in range(torch.tensor(3)):
    print(i, classes[torch.tensor(i)])
print(classes[torch.tensor(0):torch.tensor(2)], torch.Size([2, 3])[torch.tensor(1)])
print([0] * torch.tensor(3), "ab" * torch.tensor(2), torch.tensor(2) * "ab", (1,) * torch.tensor(2))
batch = torch.tensor([[0.2, 0.8], [0.9, 0.1]])
names = ["no", "yes"]
for row in batch:
    print(names[row.argmax()], row.max().item())
print(classes[torch.tensor(1.0)])
