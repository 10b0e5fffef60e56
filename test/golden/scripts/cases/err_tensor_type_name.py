import torch
x = torch.ones(2)
print(x.type('torch.DoubleTensor'))
y = x.type('torch.Floattensor')
