# torch.utils.data: TensorDataset, DataLoader (batch_size, drop_last, len, iteration, a Dataset subclass
# with numbers collated into tensors), and the default generator after the loaders drew their seeds.
import torch
from torch.utils import data
import torch.utils.data as Data
torch.manual_seed(0)
X = torch.randn(10, 3)
y = torch.arange(10)
ds = data.TensorDataset(X, y)
print(len(ds), ds[3])
loader = Data.DataLoader(ds, batch_size=4)
print(len(loader))
for xb, yb in loader:
    print(xb.shape, yb)
loader = data.DataLoader(ds, batch_size=4, drop_last=True)
print(len(loader), [b[1].tolist() for b in loader])
print(torch.randn(2))
class Squares(data.Dataset):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return i, float(i * i)
for a, b in data.DataLoader(Squares(5), batch_size=2):
    print(a, b)
print(torch.randn(2))
