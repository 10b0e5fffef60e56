import torch
t = torch.tensor(0.5)
print(0 < t < 1, not t, t and 3, 0 or t, t > 0.2 and t < 0.7)
v = torch.tensor([0.5, 2.0])
m = torch.tensor([True, False])
print(bool(torch.tensor([3])), bool(torch.tensor(0.0)), torch.tensor(1) == True)
if torch.tensor(1.0):
    print("truthy tensor")
else:
    pass
x = None
print(x is None, x == None, type(None))
