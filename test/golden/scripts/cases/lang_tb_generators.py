def numbers():
    yield 1
    yield 2


g = numbers()
try:
    g.send(5)
except TypeError as e:
    print("TypeError:", e)


def leaky():
    yield 1
    raise StopIteration("inner")


try:
    list(leaky())
except RuntimeError as e:
    print("RuntimeError:", e, "from", repr(e.__cause__))


def reentrant():
    yield next(me)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
    yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    next(x for x in [])
except StopIteration as e:
    print("empty", repr(e), e.value)
print(next(numbers(), "default"), next(iter([]), "fallback"))


def delegating():
    yield from [1, 2]
    yield from 5


try:
    print(list(delegating()))
except TypeError as e:
    print("TypeError:", e)


def parse(rows):
    for row in rows:
        yield int(row)


def total(rows):
    result = yield from parse(rows)
    return result


print(sum(parse(["1", "2"])))
for value in total(["3", "4", "x"]):
    print(value)
