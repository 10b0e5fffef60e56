print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** -1, 2 ** 100, 10 / 4, 1e-5, 1e16, 1.0e15, 3.0 * 1.1)
print(0.1 + 0.2, 1 / 3, 2 / 3, 100.0, 1e22, 1.5e-7, -0.0, float("inf"), abs(-0.0))
print(True + True, True * 3.5, 5 == 5.0, 1 < 2 < 3, 3 > 2 > 2, not 0, 0 or "x", 1 and 0)
print(round(0.125, 2), round(0.375, 2), round(1234.5678, -2), round(-2.5), int("42"), float("3.5"), str(1e100))
print(max(1, 2.0), min(-1, -1.0), max("a", "b"), sum([0.1] * 10), abs(-7), len("hello"), len([1, [2, 3]]))
print([1, 2] + [3], (1,) * 3, [0] * 4, "ab" * 2, list("xy"), tuple([1]), 3 in [1, 2, 3], "a" in "abc")
a, b = 1, 2
a, b = b, a
print(a, b)
x = [1, 2, 3]
x[0] = 10
x += [4]
print(x, x[-1], x[1:3], x[::-1], x[::2])
