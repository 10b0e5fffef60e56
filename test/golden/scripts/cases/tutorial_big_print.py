import torch
print(torch.arange(2000))
print(torch.arange(1200.0).reshape(40, 30) / 7)
print(torch.tensor([1e-8, 1.0, 1e8]))
print(torch.tensor([0.1, 0.25, 100.0]))
print(torch.tensor([1e10, 1.0]), torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5]))
print(torch.tensor([[1.123456789, 2.0], [3.0, 4.0]], dtype=torch.float64))
print(torch.tensor(-0.0), torch.tensor([123456789.0]), torch.tensor([0.00001234]))
