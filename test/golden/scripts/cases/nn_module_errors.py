# nn.Module's errors, each caught and printed
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.w = nn.Parameter(torch.zeros(1))


m = Net()


def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


def set_w():
    m.w = torch.ones(1)


def set_fc():
    m.fc = 3


attempt(set_w)
attempt(set_fc)
attempt(lambda: m.nope)
attempt(lambda: m.train(1))
attempt(lambda: m(torch.ones(2)))
attempt(lambda: m.fc(torch.ones(4, 3)))
attempt(lambda: m.register_parameter("w2", torch.ones(1)))
attempt(lambda: m.register_parameter("a.b", None))
attempt(lambda: m.register_parameter("fc", None))
attempt(lambda: m.register_buffer("b", 3))
attempt(lambda: m.add_module("x", 3))
attempt(lambda: m.register_parameter("v", nn.Parameter(torch.ones(1)) * 2))
attempt(lambda: nn.Parameter(5))
attempt(lambda: nn.Parameter(torch.tensor([1, 2])))
attempt(lambda: m.load_state_dict({"fc.weight": torch.zeros(2, 3), "y": torch.zeros(1)}))
attempt(lambda: nn.Linear(2))
attempt(lambda: m.train(True, 2))


class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)


attempt(NoInit)


class NoParamInit(nn.Module):
    def __init__(self):
        self.w = nn.Parameter(torch.ones(1))


attempt(NoParamInit)


class NoForward(nn.Module):
    pass


attempt(lambda: NoForward()(1))
