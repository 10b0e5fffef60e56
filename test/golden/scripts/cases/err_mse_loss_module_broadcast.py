import torch
import torch.nn as nn
import torch.nn.functional as F
model = nn.Linear(2, 3)
criterion = nn.MSELoss()
out = model(torch.ones(4, 2))
loss = criterion(out, torch.zeros(4))
