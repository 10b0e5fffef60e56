def check(x):
    if x < 0:
        raise ValueError(f'negative: {x}')
    return x
for v in [1, -1]:
    try:
        check(v)
    except ValueError as e:
        print('caught', e, repr(e), e.args, type(e).__name__)
    else:
        print('ok', v)
    finally:
        print('finally', v)
class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg); self.code = code
try:
    raise MyError('bad', 42)
except MyError as e:
    print(e, e.code, isinstance(e, Exception))
try:
    {}['k']
except KeyError as e:
    print('KeyError', e, repr(e))
try:
    [][1]
except (IndexError, KeyError) as e:
    print(type(e).__name__, e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
try:
    int('abc')
except Exception as e:
    print(type(e).__name__, e)
try:
    raise RuntimeError('outer') from ValueError('inner')
except RuntimeError as e:
    print(e, repr(e.__cause__))
def f():
    try:
        return 'try'
    finally:
        print('cleanup')
print(f())
try:
    assert 1 == 2, 'math broke'
except AssertionError as e:
    print('assert:', e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    'a' + 1
except TypeError as e:
    print(e)
try:
    raise
except RuntimeError as e:
    print(e)
e = Exception('a', 1); print(e, e.args, str(Exception()), repr(ValueError('x')))
try:
    try:
        raise ValueError('v')
    except ValueError:
        raise TypeError('t')
except TypeError as e:
    print(e, type(e.__context__).__name__)
class E2(ValueError): pass
try: raise E2('sub')
except ValueError as e: print('sub caught', e)
for i in range(3):
    try:
        if i == 1: continue
        print('body', i)
    finally:
        print('fin', i)
import sys
try:
    sys.exit(0) if False else print('skip')
except SystemExit:
    pass
raise KeyError('final')
