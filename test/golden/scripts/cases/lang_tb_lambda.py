f = lambda x: x + "a"
print(list(map(f, ["b"])))
print(f(1))
