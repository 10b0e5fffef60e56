import torch
print(torch.ones(3).T)
x = torch.ones(1, 2, 3)
print(x.T.shape)
print(x.T.shape)
y = torch.ones(2,2,2)
print(y.T.shape)
