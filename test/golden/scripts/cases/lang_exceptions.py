import torch
class MyError(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
def risky(n):
    if n == 0:
        raise MyError("zero", 7)
    return 10 / n
for n in [2, 0]:
    try:
        r = risky(n)
    except (KeyError, MyError) as e:
        print("caught", type(e).__name__, e, e.code, e.args, repr(e))
    else:
        print("ok", r)
    finally:
        print("finally", n)
try:
    torch.ones(2, 3) @ torch.ones(2, 3)
except RuntimeError as e:
    print("torch:", e)
try:
    [1, 2][5]
except LookupError as e:
    print(type(e).__name__, e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), str(e))
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assert:", e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ArithmeticError as e:
    print("re-raised", e)
try:
    raise TypeError
except Exception as e:
    print(repr(e), e.args)
e = None
try:
    int("x")
except ValueError as err:
    e = err
print(e)
print(issubclass(RecursionError, RuntimeError), issubclass(ModuleNotFoundError, ImportError))
