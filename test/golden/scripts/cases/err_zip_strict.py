pairs = list(zip([1, 2, 3], 'ab'))
print(pairs)
print(list(zip([1, 2, 3], 'ab', strict=True)))
