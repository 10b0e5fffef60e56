total = 0
for i in range(5):
    total += i
print(total)
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print('odd', i)
else:
    print('not reached')
for i in range(3):
    pass
else:
    print('loop finished', i)
for x in [1, 'two', 3.0]:
    print(x)
for ch in 'hi':
    print(ch)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
n = 7
if n < 5:
    print('small')
elif n < 10:
    print('medium')
else:
    print('large')
if not n:
    pass
else:
    print('n is truthy')
a, b = 1, 2
a, b = b, a
print(a, b)
x = y = [0]
print(x is y)
(c, d), e = (1, 2), 3
print(c, d, e)
[f, g] = 'ab'
print(f, g)
for i in range(2):
    for j in range(2):
        print(i, j, end='; ')
print()
items = [1, 2, 3]
for item in items:
    if item == 1:
        items.append(4)
    print(item)
if n == 7: print('one-line if')
for k in range(2): print('one-line for', k)
x = 1; y = 2; print(x + y)
