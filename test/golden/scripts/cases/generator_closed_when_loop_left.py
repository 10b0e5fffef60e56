# A generator a for loop made for itself is closed when the loop is left (break, return, raise):
# its finally runs at once, as CPython's reference counting does. A named one stays alive.
def gen2():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup2')
for v in gen2():
    break
print('after break')
def f():
    for v in gen2():
        return v
print(f(), 'after return')
try:
    for v in gen2():
        raise ValueError('boom')
except ValueError as e:
    print('caught', e)
g = gen2()
for v in g:
    break
print('kept alive')
g.close()
for v in (x * 2 for x in gen2()):
    print(v)
print('done')
def outer():
    for v in gen2():
        yield v
        break
    print('outer after')
print(list(outer()))
