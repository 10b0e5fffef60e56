x = 1.5
name = 'grad'
print(f'{x:.2f} {x!r} {x=} {x:10.3e}|{3:05d}|{-2.5:+.1f}|{1234567.891:,.2f}')
print(f'{0.5:%}|{0.25:.1%}|{1e20:g}|{1.5e-7:g}|{123.0:g}|{2:b}|{255:x}|{255:#X}|{1/3}')
print(f'{1/3:10}|{"ab":^6}|{12:*>5}|{True}|{None}|{[1, 2]}|{name!s:>6}|{{literal}}')
print(f'{x * 2} and {name.upper()} and {len(name)}')
print('{:.4f}'.format(1 / 3), '{} {}'.format(1, 'a'), '{0:>5}|{1:<4}|'.format('x', 'y'), '{name}!'.format(name='hi'))
print('%.3f' % 1.23456, '%d items' % 3, '%s and %r' % ('a', 'b'), '%5.1f|' % 2.25, '%-6s|' % 'ab', '%e' % 12345.678, '%g' % 0.0001)
print('%05.2f%%' % 3.14159, '%x' % 255, '%+d' % 5)
print('-'.join(['a', 'b', 'c']), 'A B'.lower(), 'abc'.upper(), '  pad  '.strip(), 'a,b'.split(','), 'x y  z'.split())
print('hello'.replace('l', 'L'), 'hello'.startswith('he'), 'hello'.endswith('x'))
print('abc'[0], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::2], 'abc'[::-1])
s = 'loss'
s += ': '
s += str(0.25)
print(s)
print(f'{3.0:.0f}', f'{2.5:.0f}', f'{-0.0:.1f}', f'{1e16:.1f}', f'{7:3}|', f'{"x":3}|')
print('%s' % [1, 2], '%s %s' % (1, 2), '%r' % 'q')
