d = dict()
d.update([('a', 1), ('b', 2, 3)])
