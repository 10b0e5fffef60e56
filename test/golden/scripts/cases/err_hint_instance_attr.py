class Model:
    def __init__(self):
        self.hidden_size = 4

    def forward(self, x):
        return x * self.hiden_size


print(Model().forward(2))
