a = [3, 1, 2]
a.append(5)
a.extend([7, 8])
a.insert(0, 9)
print(a, a.pop(), a.pop(0), a)
print(a.index(2), a.count(1), a[0], a[-1], a[1:3], a[::-1], a[:2], a[2:], a[-2:])
a[0] = 10
a[1:3] = [20, 30, 40]
print(a, len(a))
a.remove(40)
a.reverse()
print(a)
b = a.copy()
b.clear()
print(a, b)
t = (1, 2, 3)
print(t[1], t[-1], t[:2], t.index(3), t.count(2), len(t))
nested = [[1, 2], [3, 4]]
nested[1][0] = 99
print(nested, nested[1][0])
m = [0] * 3
m += [1]
m *= 2
print(m)
r = range(10)
print(r[3], r[-1], r[2:5], list(r[::3]))
words = ['b', 'a']
words.sort() if False else None
print(words)
print([1, 2] == [1, 2], [1, 2] != [2, 1], (1, 2) < (1, 3))
