import torch
from torch.utils.data import DataLoader, TensorDataset
DataLoader(TensorDataset(torch.ones(3, 2)), batch_size=0)
