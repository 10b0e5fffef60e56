d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, len(d), 'a' in d, d.get('z'), d.get('z', 0), d.setdefault('e', []), d)
d.update({'a': 10}, f=6); d.update([('g', 7)]); print(d)
print(d.pop('g'), d.pop('zz', None), d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
for k, v in sorted(d.items(), key=lambda kv: kv[0]): print(k, v, end='; ')
print()
sq = {x: x * x for x in range(5) if x % 2 == 0}; print(sq)
inv = {v: k for k, v in sq.items()}; print(inv)
print(d | {'z': 0}, {**d, 'a': -1})
d2 = dict(a=1, b=2); d2 |= {'c': 3}; print(d2, dict.fromkeys('ab', 0), dict([(1, 2)]))
s = {3, 1, 2}; t = {2, 3, 4}
print(s | t, s & t, s - t, s ^ t, s <= {1, 2, 3}, s < t, s.issubset(t), s.isdisjoint({9}))
s.add(5); s.discard(9); s.update([6, 7]); print(s, len(s), sorted(s), s.union([10]), s.intersection(t))
print({x % 3 for x in range(10)}, set(), set('abc') == {'a', 'b', 'c'}, frozenset([1, 2]))
counts = {}
for w in 'the cat the dog the end'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items(), key=lambda x: -x[1]))
print(d.keys() & {'a', 'b'}, {'a': 1} == {'a': 1.0}, list(reversed({'x': 1, 'y': 2})))
dd = {}
dd.setdefault('k', []).append(1); print(dd, dd.copy(), dict(sorted({'b': 1, 'a': 2}.items())))
del d2['a']; print(d2, {1: 'a', True: 'b', 1.0: 'c'})
nested = {'model': {'lr': 0.01, 'layers': [64, 32]}, 'epochs': 10}
print(nested['model']['layers'][-1], nested)
for i, (k, v) in enumerate(nested.items()): print(i, k, v)
print(s.pop() if False else '', {1, 2}.union({3}, {4}), min({'a': 3, 'b': 1}.values()))
