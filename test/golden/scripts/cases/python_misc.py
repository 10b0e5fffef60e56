values = [3, 1, 4, 1, 5, 9, 2, 6]
total = 0
count = 0
for v in values:
    if v % 2 == 0:
        continue
    total += v
    count += 1
print("sum of odd:", total, "count:", count, "mean:", total / count)
squares = []
for i in range(len(values)):
    squares.append(values[i] ** 2)
print(squares, max(squares), min(squares), sum(squares) / len(squares))
pairs = list(zip(values, squares))
print(pairs[:3])
for index, (a, b) in enumerate(pairs[:2]):
    print(index, a, b)
name = "autograd"
print(name.upper(), len(name), name[0], name[-1], name[2:5])
print("%s has %d letters" % (name, len(name)))
print("{} and {}".format(1, 2.5))
x = 7
msg = "odd" if x % 2 else "even"
print(msg)
print(10 / 4, 10 // 4, 10 % 4, 2 ** 10, -7 // 2, round(2.675, 2), round(0.125, 2))
print(1_000_000, 0x1F, 0o17, 0b101, 1.5e3, .5, 5.)
print(abs(-7), abs(-7.5), int("12") + 1, float("3.5") * 2, str(12) + "a")
a, b, c = "xyz"
print(a, b, c)
print(True + 1, True and False, not True, None is None)
