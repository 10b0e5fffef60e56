# A ModuleList called as if it were a model: Module's _forward_unimplemented raises.
import torch
import torch.nn as nn

layers = nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])
layers(torch.ones(2))
