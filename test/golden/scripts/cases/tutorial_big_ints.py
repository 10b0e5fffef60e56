big = 2 ** 100
print(big, big * 3 - 1, big // 7, big % 1000, -big // 3, big / 3, float(big), int(1e20))
print(10 ** 20 + 1, 123456789 * 987654321, (-2) ** 63, 2 ** 63 - 1, abs(-big))
print(round(123.456), round(-0.5), round(2.5), round(1e300), round(7.0), 7 / 2, 7.0 // 2)
print(1e308 * 10, -1e308 * 10, 5 % -3, -5 % 3, 5.5 % -2)
