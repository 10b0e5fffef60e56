for i, c in enumerate('abc', start=1): print(i, c, end=' ')
print()
print(list(zip([1, 2, 3], 'ab')), list(zip(range(3), range(3), range(3))))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print('ValueError:', e)
print(isinstance(3, (int, float)), isinstance('a', (list, tuple)), type(3).__name__, type([]).__name__, type(None).__name__)
class A:
    def __init__(self): self.v = 1
    def m(self): return 2
a = A()
print(hasattr(a, 'v'), hasattr(a, 'w'), getattr(a, 'w', 'dflt'), getattr(a, 'v'))
setattr(a, 'w', 5); print(a.w, callable(a.m), callable(a), callable(len), callable(A))
delattr(a, 'w'); print(hasattr(a, 'w'), vars(a), a.__dict__, type(a).__name__, A.__name__)
it = iter([1, 2]); print(next(it), next(it), next(it, 'done'))
print(list(range(10, 0, -3)), range(5), len(range(0, 10, 3)), range(10)[2:5], 3 in range(5), range(5)[-1])
print(print('x', 'y', sep='-', end='!\n'))
print('a', 1, None, sep='')
print(*[1, 2, 3], sep=', ')
print(abs(-0.0), max([]) if False else 0, max([], default=-1), min((3, 'a'), (2, 'b')))
print(list(map(lambda x, y: x + y, [1, 2], [10, 20])), list(map(int, '123')))
print(repr(None), str(True), bool([]), bool('0'), bool(0.0), int(True), len({'a': 1}))
print(sorted([3, 1, 2], reverse=True), list(reversed(range(3))), tuple('ab'), list({1: 2}))
print(chr(65) + chr(66), ascii('é') if False else "'\\xe9'", format(255, 'x'), round(2.567, 1))
print(isinstance([], list), issubclass(bool, int), issubclass(A, object), type(a) is A, type(type(a)))
print(id(a) == id(a), a is a, None is None, [] is [], sum(x for x in range(5)))
def f(*args, **kwargs): return args, kwargs
print(f(1, *[2, 3], k=4, **{'z': 5}))
print(dir(a)[-3:] if False else '', hash('a') == hash('a'), slice(1, 5, 2), [0, 1, 2, 3, 4, 5][slice(1, 5, 2)])
print(all(isinstance(x, int) for x in [1, 2]), next(iter({}), None), list(enumerate(['a', 'b'])))
x = 5
print(eval if False else 'ok', str(3.0), str(-0.0), int('-0'))
print(min([4, 2, 8], key=lambda v: abs(v - 5)), max('apple', 'banana', key=len), sum([1.5, 2.5]))
print(divmod(-7, 2), pow(2, 3, 5), round(-1.5), round(2.4999))
print(object(), ) if False else print(type(object()).__name__)
