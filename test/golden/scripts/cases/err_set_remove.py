s = set([1, 2])
s.remove(2)
s.remove(3)
