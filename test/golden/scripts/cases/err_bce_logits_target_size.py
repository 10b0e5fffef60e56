import torch
import torch.nn as nn
import torch.nn.functional as F
criterion = nn.BCEWithLogitsLoss()
print(criterion(torch.ones(4, 1), torch.zeros(4)))
