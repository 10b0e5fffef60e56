# Deep but legal recursion, as CPython runs it (its limit is 1000 frames, the module's included):
# grad-graph must reach it in a browser worker too, whose JS stack is much smaller than a CLI's.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(990) % 1000000007)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(990))
def fib(n, memo={}):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print(fib(900))
# micrograd's build_topo over a long chain of additions
class Value:
    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
    def backward(self):
        topo = []
        visited = set()
        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()
        return len(topo)
x = Value(0.5)
y = x
for i in range(990):
    y = y + 0.25
print(y.data, y.backward(), x.grad)
