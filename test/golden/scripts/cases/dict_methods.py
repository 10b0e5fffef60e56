d = dict(b=2, a=1)
d['c'] = 3
d['b'] = 20
print(d, len(d), 'a' in d, 'z' in d, d['a'])
print(d.keys(), d.values(), d.items())
print(list(d), list(d.items()), sorted(d), sorted(d.values(), reverse=True))
print(d.get('a'), d.get('z'), d.get('z', 0), d.setdefault('e', 5), d.setdefault('a', 9))
print(d.pop('e'), d.pop('z', None), d.popitem(), d)
d.update([('x', 1), ('y', 2)], z=3)
d.update(dict(a=100))
print(d)
e = d.copy()
e.clear()
print(e, d == dict(d), d != e, bool(e), bool(d))
print(dict([(1, 'one'), (2, 'two')]), dict(zip('abc', range(3))), dict(enumerate('xy')))
print(dict(dict(a=1), b=2), dict(), len(dict()))
k = dict()
k[1] = 'int'
k[1.0] = 'float'
k[True] = 'bool'
k[(1, 2)] = 'tuple'
k['1'] = 'str'
k[None] = 'none'
print(k, k[1], (1, 2) in k)
print(dict(a=1) | dict(b=2), repr(dict(q=[1, dict(r='s')])))
for key, value in dict(p=1, q=2).items():
    print(key, value, end='; ')
print()
print(max(dict(a=3, b=1)), min(dict(x=1, y=2).values()), sum(dict(a=3, b=4).values()))
print(type(d), type(d.keys()), isinstance(d, dict), str(dict(a='x')))
