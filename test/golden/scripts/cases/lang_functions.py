def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, d=0))
def pos(a, b, /, c):
    return a + b + c
print(pos(1, 2, c=3))
sq = lambda x, y=1: x * x + y
print(sq(3), sq(3, y=0), (lambda: "none")())
args = [1, 2]
opts = {"c": 10}
print(f(*args, **opts))
def doc():
    "a docstring"
    return doc.__name__, doc.__doc__
print(doc())
print(f.__name__, f.__qualname__)
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, 2, c=1, a=1)
except TypeError as e:
    print(e)
try:
    pos(1, b=2, c=3)
except TypeError as e:
    print(e)
try:
    sq(1, 2, 3)
except TypeError as e:
    print(e)
try:
    sq(z=1)
except TypeError as e:
    print(e)
print(f(1, c=2, **{"x": 1}))
