import torch
t = torch.tensor([1.5, 2.5])
print("%s|%r" % (t, t[0]), "%.1f %.1f" % (t[0], t[1]), "%i" % torch.tensor(7), "%x" % torch.tensor(255))
print("%e" % torch.tensor(12345.678), "%g" % torch.tensor(0.0001), "%5s|" % torch.tensor(1))
print("%.2f" % t)
