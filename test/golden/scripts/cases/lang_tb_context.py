class Model:
    def __init__(self):
        self.w = 2
    def forward(self, x):
        return x * self.w + undefined_name
try:
    Model().forward(3)
except NameError:
    x = [1, 2, 3]
    print(x[10])
