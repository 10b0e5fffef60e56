# Constructs inside functions called deep in a recursion (grad-graph runs such calls on the heap,
# not the JS stack): every one must behave as at shallow depth.
import torch

def nest(n, f, *args, **kwargs):
    return f(*args, **kwargs) if n == 0 else nest(n - 1, f, *args, **kwargs)

def loops(k=3, *, stop=7):
    out = []
    for i in range(10):
        if i == stop:
            break
        if i % 2:
            continue
        out.append(i * k)
    else:
        out.append('no break')
    j = 0
    while j < 3:
        j += 1
    else:
        out.append(('while else', j))
    return out
print(nest(100, loops, 2, stop=5))

def raiser(n):
    if n == 0:
        raise KeyError('deep')
    try:
        return raiser(n - 1)
    finally:
        if n == 60:
            print('finally at 60')
def catcher():
    try:
        raiser(120)
    except KeyError as e:
        return 'caught ' + repr(e)
print(nest(80, catcher))

def handled(n):
    try:
        if n == 0:
            1 / 0
        return handled(n - 1)
    except ZeroDivisionError as e:
        if n == 5:
            return f'handled at {n}: {e}'
        raise
print(nest(70, handled, 30))

def closure():
    total = 0
    def add(n):
        nonlocal total
        if n == 0:
            return total
        total += n
        return add(n - 1)
    return add(100)
print(nest(60, closure))

class Tree:
    def __init__(self, depth):
        self.children = [Tree(depth - 1)] if depth else []
        self.depth = depth
    def size(self):
        return 1 + sum(c.size() for c in self.children)
    def height(self):
        return 1 + max([c.height() for c in self.children], default=0)
    def walk(self, acc):
        acc.append(self.depth)
        for c in self.children:
            c.walk(acc)
        return acc
    def deepest(self):
        best = self.depth
        for c in self.children:
            best = min(best, c.deepest())
        return best
t = Tree(200)
print(len(t.walk([])), sum(t.walk([])), t.deepest())
# a recursion through a generator expression or a comprehension at each level (two frames each)
small = Tree(100)
print(small.size(), small.height())

def gen_inside(n):
    if n:
        return gen_inside(n - 1)
    def count(k):
        for i in range(k):
            yield i * i
        return 'done'
    g = count(4)
    return list(g), sum(x for x in count(5))
print(gen_inside(150))

class Ctx:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, *exc):
        print('exit', self.name, exc[0].__name__ if exc[0] else None)
        return exc[0] is ValueError
def with_deep(n):
    if n:
        return with_deep(n - 1)
    with Ctx('a') as a, Ctx('b'):
        raise ValueError(a.name)
    return 'suppressed'
print(nest(90, with_deep, 30))

is_even = lambda n: True if n == 0 else is_odd(n - 1)
is_odd = lambda n: False if n == 0 else is_even(n - 1)
print(is_even(400), is_odd(401))

def ping(n):
    return 'ping' if n == 0 else pong(n - 1)
def pong(n):
    return 'pong' if n == 0 else ping(n - 1)
print(ping(301), pong(300))

def tensors(n, x):
    if n == 0:
        return x
    return tensors(n - 1, x * 1.01 + 0.5)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = tensors(100, x).sum()
y.backward()
print(y, x.grad)

def powers(n, acc):
    acc += [n ** 2]
    if n < 80:
        powers(n + 1, acc)
    return acc
print(sum(powers(0, [])))

def args_check(n):
    return args_check(n - 1) if n else loops(1, 2, 3)
try:
    nest(100, args_check, 10)
except TypeError as e:
    print('TypeError:', e)

def bad(n):
    return bad(n - 1) if n else undefined_name
nest(50, bad, 20)
