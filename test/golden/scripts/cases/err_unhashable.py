s = set()
s.add((1, 2))
s.add([1, 2])
