# float32 convolutions PyTorch 1.13 sends to oneDNN (5x5 kernels, batches, wide inputs), printed
# with every bit (reprs of float64 copies): the blitz LeNet trained 10 SGD steps, and single layers with their three grads.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def bits(t):
    return t.detach().double().flatten().tolist()


torch.manual_seed(0)
net = Net()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
criterion = nn.MSELoss()
input = torch.randn(1, 1, 32, 32)
target = torch.randn(10).view(1, -1)
for step in range(10):
    optimizer.zero_grad()
    loss = criterion(net(input), target)
    loss.backward()
    optimizer.step()
    print(step, loss.item())
print(bits(net.conv1.weight)[:12], bits(net.conv2.bias))
print(bits(net.conv2.weight)[-5:], bits(net.fc1.weight)[:3])

for n, ic, oc, h, k, stride, pad, dil in [
    (1, 1, 6, 32, 5, 1, 0, 1),
    (4, 3, 6, 12, 5, 1, 0, 1),
    (2, 32, 20, 8, 3, 1, 1, 1),
    (2, 3, 20, 11, 3, 2, 1, 1),
    (1, 20, 4, 9, 5, 1, 2, 1),
    (2, 3, 5, 12, 5, 1, 1, 2),
]:
    x = torch.randn(n, ic, h, h, requires_grad=True)
    conv = nn.Conv2d(ic, oc, k, stride=stride, padding=pad, dilation=dil)
    y = conv(x)
    gy = torch.randn(y.shape)
    y.backward(gy)
    print(y.shape, y.grad_fn.name())
    print(bits(y)[:6], bits(y)[-3:])
    print(bits(x.grad)[:4], bits(x.grad)[-4:])
    print(bits(conv.weight.grad)[:4], bits(conv.weight.grad)[-4:], bits(conv.bias.grad)[:3])
    print(y.sum().item(), x.grad.sum().item(), conv.weight.grad.sum().item())
