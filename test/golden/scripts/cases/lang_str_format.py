losses = [2.345678, 1.23456, 0.5, 0.123456789, 1e-5, 12345.678]
for i, l in enumerate(losses):
    print(f'epoch {i:3d} loss {l:.4f}')
    print(f'epoch {i:>5} | {l:10.3e} | {l:<12g}|{l:^12.2f}|')
print('%.3f' % 3.14159, '%5d|%-5d|' % (42, 7), '%s and %r' % ('a', 'b'))
print('%08.3f %+d %x %X %o %e %g %%' % (3.14159, 5, 255, 255, 8, 12345.678, 0.0001234))
print('{:>10}|{:<10}|{:^10}|'.format('a', 'b', 'c'))
print('{0} {1} {0}'.format('x', 'y'))
print('{name} is {age}'.format(name='Bob', age=3))
print('{:,}'.format(1234567), '{:_}'.format(1234567), '{:.2%}'.format(0.1234))
print('{:08.2f}'.format(-3.5), '{:+.1f}'.format(2.25), '{:#x}'.format(255), '{:#b}'.format(5))
class P:
    def __init__(self): self.x = 3; self.items = [1, 2]
p = P()
print('{0.x} {0.items[1]}'.format(p))
d = {'a': 1}
print('{d[a]}'.format(d=d))
print(f'{p.x=}', f'{"hi"!r}', f'{3.5!s:>6}', f'{d}')
x = 10
print(f'{x = }', f'{x*2=:5d}')
print(f'{{literal}} {x!r:>4}')
print('%(a)s-%(b)05.1f' % {'a': 'k', 'b': 2.5})
print('{:*^20}'.format('mid'), '{:=+8d}'.format(42))
print(format(3.14159, '.2f'), format(42, '05d'), format('s', '>3'))
print('{!r:>10}'.format('q'))
print('%c%c' % (65, 'b'), '%5.2s|' % 'abc', '%i' % 3.7)
print(f'{1e16}', f'{1.0}', f'{0.1+0.2}', str(1e-7), repr(123456789012345678.0))
print('{:.3g} {:.3g} {:g} {:g}'.format(1234.5, 0.00012345, 1e20, 100000.0))
print(f'{12:e}', f'{-0.0}', f'{float("inf"):.2f}', f'{float("nan")}')
