import torch
from torch.utils.data import TensorDataset
TensorDataset(torch.ones(3, 2), torch.ones(4))
