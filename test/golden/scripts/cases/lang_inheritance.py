class A:
    def __init__(self, v):
        self.v = v
    def who(self):
        return "A"
    def describe(self):
        return f"{self.who()} holds {self.v}"
class B(A):
    def __init__(self, v):
        super().__init__(v * 10)
    def who(self):
        return "B<" + super().who() + ">"
class C(A):
    def who(self):
        return "C"
class D(B, C):
    pass
d = D(1)
print(d.describe(), [k.__name__ for k in D.__mro__])
print(isinstance(d, A), isinstance(d, C), issubclass(D, C), issubclass(C, B), issubclass(B, (C, A)))
class Registry:
    def __init__(self):
        object.__setattr__(self, "_items", {})
    def __setattr__(self, name, value):
        self._items[name] = value
    def __getattr__(self, name):
        if name in self._items:
            return self._items[name]
        raise AttributeError(f"no {name}")
    def __call__(self, *args):
        return self.forward(*args)
    def forward(self, x):
        return x
class Net(Registry):
    def __init__(self):
        super().__init__()
        self.scale = 3
    def forward(self, x):
        return x * self.scale
n = Net()
print(n(5), n._items, hasattr(n, "scale"), hasattr(n, "nope"), getattr(n, "nope", "default"))
try:
    n.nope
except AttributeError as e:
    print(e)
