def gen(n):
    for i in range(n):
        x = yield i
        if x is not None:
            print("got", x)
    return "done"

g = gen(3)
print(g)
print(next(g))
print(g.send("hi"))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value, e.args)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

import itertools
print(list(itertools.islice(fib(), 10)))

def inner():
    r = yield 1
    yield 2
    return 42

def outer():
    v = yield from inner()
    print("inner returned", v)
    yield from [7, 8]

print(list(outer()))
print(any(x > 2 for x in [1, 5, 0]))
def data_iter(batch_size, features):
    n = len(features)
    for i in range(0, n, batch_size):
        yield features[i:min(i + batch_size, n)]
for b in data_iter(3, list(range(8))):
    print(b)
def g2():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = g2()
print(next(g))
g.close()
# A generator keeps its frame between steps; each call makes a new one.
def counter(start):
    n = start
    while True:
        step = yield n
        n += 1 if step is None else step


c1, c2 = counter(10), counter(100)
print(next(c1), next(c2), c1.send(5), next(c1), next(c2))


# Generators as methods, with closures and defaults, and generator lambdas.
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children

    def walk(self, depth=0):
        yield depth, self.value
        for child in self.children:
            yield from child.walk(depth + 1)

    def __iter__(self):
        return (v for _, v in self.walk())


t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(list(t.walk()))
print(list(t), sum(t), max(t), sorted(t, reverse=True))
print(dict(zip("abc", counter(0))))
print(list(enumerate(x * x for x in range(4))))
squares = lambda n: (yield from (i * i for i in range(n)))
print(list(squares(4)))


# Yields inside expressions, conditionals, try and with.
def accumulate():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value * 2 if value > 0 else value


acc = accumulate()
next(acc)
for v in [1, 2, -3]:
    print("total", acc.send(v))
try:
    next(acc)
except StopIteration as e:
    print("final", e.value)


def pairs():
    print("pair", (yield 1), (yield 2))
    d = {"a": (yield 3), "b": [(yield 4)]}
    print(d, f"{(yield 5)}!")


p = pairs()
print([p.send(x) if x else next(p) for x in [None, "x", "y", "z", "w"]])
try:
    p.send("v")
except StopIteration:
    print("pairs done")


def guarded():
    try:
        yield "a"
        yield "b"
    except KeyError as e:
        print("caught", repr(e))
        yield "recovered"
    finally:
        print("finally")


g = guarded()
print(next(g), g.throw(KeyError("k")))
print(list(g))
g = guarded()
print(next(g))
g.close()
print("closed twice", g.close())


class Manager:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0])
        return False


def managed():
    with Manager():
        yield 1
        yield 2


print(list(managed()))
gen = (x for x in range(3))
print(type(gen).__name__, next(gen), list(gen), list(gen))
print(type(counter).__name__, type(c1).__name__, c1.__name__, c1.__qualname__)
