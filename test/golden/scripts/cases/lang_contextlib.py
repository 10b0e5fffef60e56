from contextlib import contextmanager, suppress, nullcontext
import contextlib


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print("inside", t)


@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", repr(e))


with swallow(KeyError):
    raise KeyError("k")
print("after swallow")
try:
    with swallow(KeyError):
        raise ValueError("v")
except ValueError as e:
    print("passed through", e)
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
with nullcontext(5) as n:
    print("null", n)
print(type(tag("x")).__name__)


@contextmanager
def empty():
    if False:
        yield


try:
    with empty():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextmanager
def twice():
    yield 1
    yield 2


try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


class Timer:
    def __init__(self):
        self.entered = 0

    def __enter__(self):
        self.entered += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None, exc)
        return exc_type is IndexError


with Timer() as tm:
    [][1]
print("entered", tm.entered)
with contextlib.suppress(AttributeError):
    None.x


@contextmanager
def opened(path):
    print("open", path)
    yield path
    print("close", path)


with opened("a") as a, opened("b") as b:
    print(a + b)
with tag("outer"):
    with tag("inner"):
        raise RuntimeError("deep")
