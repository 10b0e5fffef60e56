# Errors caught from nn modules and torch.nn.functional, a warning issued inside MSELoss's
# forward (shown at loss.py's line), and an uncaught error in F.log_softmax (functional.py's frame).
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 2)])
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.layers[0](x))


net = Net()
for call in (
    lambda: net.forward(torch.ones(3, 3)),
    lambda: net.layers(torch.ones(2)),
    lambda: net(torch.ones(2), 3),
    lambda: net.act(torch.ones(2), 3),
    lambda: nn.MSELoss()(torch.ones(3), torch.ones(2)),
    lambda: nn.BCELoss()(torch.rand(3), torch.rand(2)),
    lambda: nn.NLLLoss()(torch.rand(3, 2), torch.tensor([0.0, 1.0, 1.0])),
    lambda: F.relu([1.0]),
):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(nn.Softmax()(torch.ones(2, 2)))
print(F.softmax(torch.ones(2, 2), dim=1))
seq = nn.Sequential(nn.Flatten(), nn.Linear(4, 2), nn.LogSoftmax(dim=1))
print(seq(torch.ones(1, 2, 2)).shape)
F.log_softmax(torch.ones(2, 2), dim=3)
