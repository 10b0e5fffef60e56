# Recursion near CPython's limit of 1000 frames, with heavy expressions at each level.
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(990))
def deep(n):
    if n == 0:
        return [0]
    return [sum([x + 1 for x in deep(n - 1)]) * 1 + (n if n % 2 else -n) * 0]
print(deep(900))
import sys
print(sys.getrecursionlimit())
