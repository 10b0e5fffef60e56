import torch
print(torch.softmax(torch.tensor([float("inf"), 1.]), 0), torch.log_softmax(torch.tensor([-float("inf"), -float("inf")]), 0))
