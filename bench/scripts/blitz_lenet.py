import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1_weight = nn.Parameter(torch.randn(6, 1, 5, 5) * 0.2)
        self.conv1_bias = nn.Parameter(torch.zeros(6))
        self.conv2_weight = nn.Parameter(torch.randn(16, 6, 5, 5) * 0.08)
        self.conv2_bias = nn.Parameter(torch.zeros(16))
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(F.conv2d(x, self.conv1_weight, self.conv1_bias)), (2, 2))
        x = F.max_pool2d(F.relu(F.conv2d(x, self.conv2_weight, self.conv2_bias)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


net = Net()
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
input = torch.randn(1, 1, 32, 32)
target = torch.randn(10).view(1, -1)
for step in range(10):
    optimizer.zero_grad()
    output = net(input)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
print(loss.item())
