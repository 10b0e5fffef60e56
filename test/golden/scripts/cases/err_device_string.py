import torch
print(torch.device("cpu"))
d = torch.device("gpu")
