# math.nextafter, ulp and remainder (CPython's m_remainder).
import math
for x, y in [(1.0, 2.0), (1.0, 0.0), (0.0, 1.0), (0.0, -1.0), (-1.0, -2.0), (1e308, float('inf')), (5e-324, 0.0), (-0.0, 1.0)]:
    print(math.nextafter(x, y), end=' ')
print()
for x in [1.0, 0.0, 1e300, -3.5, 5e-324, float('inf'), 1.7976931348622e308]:
    print(math.ulp(x), end=' ')
print()
for x, y in [(5.0, 3.0), (-5.0, 3.0), (4.5, 3.0), (7.5, 3.0), (1.5, 1.0), (2.5, 1.0), (10.0, float('inf')), (-0.0, 1.0), (1e300, 3.0)]:
    print(math.remainder(x, y), end=' ')
print()
try:
    math.remainder(1.0, 0.0)
except ValueError as e:
    print(e)
