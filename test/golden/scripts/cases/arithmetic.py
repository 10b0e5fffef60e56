print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(7 / 2, 6 / 3, -1 / 3, 1 / 7)
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2, 2 ** 0.5, 4 ** 0.5, 0 ** 0)
print(2 ** 200, 3 ** 50 * 7, 12345678901234567890 * 98765432109876543210)
print(10 ** 20 // 3, 10 ** 20 % 7, -(10 ** 20) // 3)
print(1 + 2.5, 3 * 0.1, True + True, True * 2.5, False - 1, -True)
print(5 & 3, 5 | 3, 5 ^ 3, 1 << 10, -16 >> 2, ~5, True & False, True | 0)
print(1 < 2, 2 <= 2, 3 > 4, 1 == 1.0, 1 != 1, 'a' < 'b', [1, 2] < [1, 3], (1, 2) == (1, 2))
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1 == 1.0)
print(1 and 2, 0 and 2, 1 or 2, 0 or 0.0, None or 'x', not 0, not [], not 'a')
print(1 if True else 2, 'yes' if 0 else 'no')
print(3 * 'ab', 'ab' * 0, [0] * 3, (1, 2) * 2, 'x' + 'y', [1] + [2], (1,) + (2,))
print(+3, -3.5, +True, -(-4))
print(0.1 + 0.2 == 0.3, abs(-0.0), 2 ** 53 + 1, float(2 ** 53 + 1))
print(1e308 * 10, -1e308 * 10)
a = 10
a += 5
a -= 3
a *= 2
a //= 5
a **= 3
a %= 7
print(a)
b = 1.0
b /= 3
print(b)
print(1 in [1, 2], 3 not in (1, 2), 'b' in 'abc', 2 in range(5), 5 in range(5))
print(None is None, None is not None, [] is [])
