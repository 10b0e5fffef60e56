d = dict(a=1)
print(d['a'])
print(d['missing'])
