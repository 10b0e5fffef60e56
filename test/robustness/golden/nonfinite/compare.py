import torch
print(torch.tensor([float('nan'), 1.]) > 0, torch.tensor([float('nan')]) == torch.tensor([float('nan')]))
