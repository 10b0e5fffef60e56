def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
c(); c(5)
print(c())
total = 0
def add(x):
    global total
    total += x
add(3); add(4)
print(total)
def outer():
    fs = [lambda: i for i in range(3)]
    return [g() for g in fs]
print(outer())
def late():
    def show():
        return value
    value = "bound later"
    return show()
print(late())
def broken():
    print(x)
    x = 1
try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, e)
x = [i * i for i in range(4)]
i = "outer i"
print(x, i)
print({k: v for k, v in zip("ab", [1, 2])}, {n % 3 for n in range(10)})
print([(a, b) for a in range(3) for b in range(a) if (a + b) % 2])
print(sum(t * 2 for t in range(5)), list(c for c in "hi"))
