def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter(); c(); print(c(), c())
total = 0
def add(n):
    global total
    total += n
add(5); add(7); print(total)
def adders(): return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders()])
def late(): return [lambda: i for i in range(3)]
print([f() for f in late()])
def deco(fn):
    def wrapper(*args, **kwargs):
        print('calling', fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapper
@deco
def mul(a, b=2): return a * b
print(mul(3), mul(3, b=4))
def repeat(n):
    def d(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return d
@repeat(3)
def hi(name): return 'hi ' + name
print(hi('bo'))
import functools
def timed(fn):
    @functools.wraps(fn)
    def w(*a, **k): return fn(*a, **k)
    return w
@timed
def f(x):
    """doc"""
    return x
print(f.__name__, f(2))
def kw(a, b, /, c, *, d=4, **rest): return (a, b, c, d, rest)
print(kw(1, 2, 3), kw(1, 2, c=3, d=5, e=6))
def var(*args): return sum(args)
print(var(), var(1, 2, 3), var(*range(5)))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, abs)(-5), (lambda: 'x')(), (lambda *a: a)(1, 2))
def fib(n, memo={}):
    if n in memo: return memo[n]
    memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return memo[n]
print(fib(80))
@functools.lru_cache(maxsize=None)
def fib2(n): return n if n < 2 else fib2(n - 1) + fib2(n - 2)
print(fib2(90), functools.reduce(lambda a, b: a * b, range(1, 10)), functools.partial(pow, 2)(10))
def outer():
    x = 'outer'
    def inner(): return x
    x = 'changed'
    return inner()
print(outer())
def gen_defaults(a, b=[]):
    b.append(a); return b
print(gen_defaults(1), gen_defaults(2))
print(sorted(['b10', 'a2', 'a10'], key=lambda s: (s[0], int(s[1:]))))
def apply(f, *args, **kwargs): return f(*args, **kwargs)
print(apply(max, 3, 9, 2), apply(sorted, [3, 1], reverse=True), apply(dict, a=1))
